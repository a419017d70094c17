"""A JSON list of choices, edited as checkboxes (公开渠道和载体, 公开层级). Works on PostgreSQL and SQLite."""
from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class MultiChoiceField(models.JSONField):
    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_list"] = self.choices_list
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError("应为选项列表")
        bad = [v for v in value if v not in self.choices_list]
        if bad:
            raise ValidationError("不在标准选项中：" + "、".join(map(str, bad)))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=[(c, c) for c in self.choices_list], widget=forms.CheckboxSelectMultiple,
            required=not self.blank, label=self.verbose_name, help_text=self.help_text,
        )
