"""Records of what happened are read and inspected, never written through a form — not even by a superuser."""
from wagtail.permission_policies import ModelPermissionPolicy

WRITES = ("add", "change", "delete")


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in WRITES:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)
