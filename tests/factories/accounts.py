from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "pw-for-tests-1"


def make_user(username, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
