"""What the four loaders (load_content, import_guides, catalogue_import, import_documents) tell the person running them.

* ``finish()``: the refused lines, a summary by reason with the first (up to 3) lines of each reason, the warnings,
  and the exit status — 0 only when everything loaded, 1 when anything was refused (the good lines still load).
* ``progress()``: a progress bar on stderr when stderr is a terminal; otherwise a plain line every N items.
* ``nothing_written()``: --dry-run runs the whole load (publication gate included) inside a transaction that is rolled
  back and a bulk publication that never finishes, so no row, outbox entry, search write or page-cache purge survives.
"""
import re
import sys
from collections import OrderedDict
from contextlib import contextmanager

from django.db import transaction

from publishing import events

EXAMPLES = 3  # lines shown per reason in the summary
PLAIN_EVERY = 1000  # without a terminal: one progress line per this many items


def reason_of(message):
    """The kind of a refusal for the summary: “不能发布” and its first clause, or the message's head."""
    head, _, rest = message.partition("：")
    if head == "不能发布" and rest:
        return f"不能发布（{rest.split('，')[0].split('；')[0].split('（')[0][:30]}）"
    # quoted values (a code, a name) vary per line; quoted field names (“name”, “承诺期限”) are part of the reason
    head = re.sub(r"“([^”]*)”", lambda m: m.group(0) if len(m.group(1)) <= 12 and not re.search(r"\d", m.group(1))
                  else "“…”", head)
    return head[:40]


def by_reason(refused):
    """[(where, message)] → OrderedDict reason → [where…] in order of first appearance."""
    groups = OrderedDict()
    for where, message in refused:
        groups.setdefault(reason_of(message), []).append(where)
    return groups


def _label(where):
    return f"第{where}行" if isinstance(where, int) else str(where)


def _examples(wheres):
    shown = wheres[:EXAMPLES]
    if all(isinstance(w, int) for w in shown):
        text = "第" + "、".join(str(w) for w in shown) + "行"
    else:
        text = "、".join(str(w) for w in shown)
    return text + ("等" if len(wheres) > EXAMPLES else "")


def finish(command, *, headline, refused, warnings=(), dry_run=False, unit="行"):
    """Write the outcome of a load and exit 1 when anything was refused.
    refused / warnings: [(where, message)], where a row/line number (int) or a label (a file name)."""
    out, style = command.stdout, command.style
    prefix = "试运行（未写入任何内容）：" if dry_run else ""
    out.write(style.SUCCESS(prefix + headline) if not refused else style.WARNING(prefix + headline))
    for where, message in warnings:
        out.write(style.WARNING(f"提醒：{_label(where)}：{message}"))
    for where, message in refused:
        out.write(style.ERROR(f"{_label(where)}：{message}"))
    if not refused:
        return 0
    groups = by_reason(refused)
    done = "可以加载" if dry_run else "已加载"
    out.write(style.WARNING(f"共 {len(refused)} {unit}被拒绝，已跳过；其余内容{done}。按原因："))
    for reason, wheres in groups.items():
        out.write(style.WARNING(f"  {reason}：{len(wheres)} {unit}（{_examples(wheres)}）"))
    sys.exit(1)


class _Plain:
    def __init__(self, stream, desc, total, unit, every):
        self.stream, self.desc, self.total, self.unit, self.every, self.n = stream, desc, total, unit, every, 0

    def update(self, n=1):
        before, self.n = self.n, self.n + n
        if self.every and self.n // self.every > before // self.every:
            of = f"/{self.total}" if self.total else ""
            self.stream.write(f"{self.desc}：已处理 {self.n}{of} {self.unit}\n")
            self.stream.flush()

    def close(self):
        pass


@contextmanager
def progress(stream=None, *, desc="", total=None, unit="行", every=PLAIN_EVERY):
    """Yields a callable tick(n=1). A tqdm bar when ``stream`` (default stderr) is a terminal, else plain lines."""
    stream = getattr(stream, "_out", stream) or sys.stderr  # unwrap Django's OutputWrapper: the bar writes raw
    is_tty = getattr(stream, "isatty", lambda: False)()
    if is_tty:
        from tqdm import tqdm

        bar = tqdm(total=total, desc=desc, unit=unit, file=stream, leave=False, dynamic_ncols=True)
    else:
        bar = _Plain(stream, desc, total, unit, every)
    try:
        yield bar.update
    finally:
        bar.close()


class _DryRun(Exception):
    pass


@contextmanager
def nothing_written(dry_run=True):
    """Run the block for real, then undo it: one transaction rolled back and an outer bulk publication that never
    announces its end (so no search-index apply and no page-cache purge). Without dry_run, a plain block."""
    if not dry_run:
        yield
        return
    try:
        with transaction.atomic(), events.bulk():
            yield
            raise _DryRun
    except _DryRun:
        pass


def ticking(items, tick):
    """Iterate ``items``, calling tick() once per item."""
    for item in items:
        yield item
        tick()
