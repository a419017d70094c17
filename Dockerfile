# the query-embedding engine (search/native, ADR 0010), built where a compiler is
FROM python:3.11-slim AS e5
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY search/native search/native
COPY scripts/build-e5 scripts/build-e5
RUN scripts/build-e5

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
COPY --from=e5 /app/search/native/_build search/native/_build
EXPOSE 8000
CMD ["gunicorn", "cms.wsgi:application", "-b", "0.0.0.0:8000", "-w", "4"]
