"""Views and forms validate and call a service; they never write a model themselves.

An AST scan of every ``views.py`` and ``forms.py``: a ``.save(`` call is allowed only as
``.save(commit=False)``, which builds an unsaved instance (or a formset's unsaved rows)
for a service to write. Nothing else is on the allow-list.
"""

import ast
from pathlib import Path

import revmentor

SOURCE = Path(revmentor.__file__).parent


def _writes_in(path: Path) -> list[str]:
    return _writes_in_source(path.read_text(), str(path.relative_to(SOURCE)))


def _writes_in_source(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in {"save", "delete", "update", "create", "bulk_create"}:
            continue
        commit_false = any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        )
        if node.func.attr == "save" and commit_false:
            continue
        if node.func.attr != "save" and not _is_orm_write(node):
            continue
        found.append(f"{name}:{node.lineno} .{node.func.attr}(")
    return found


def _is_orm_write(node: ast.Call) -> bool:
    """``X.objects....update/create/delete(...)`` or ``queryset.delete()``-style chains."""
    text = ast.unparse(node.func.value)
    return ".objects" in text or text.endswith("_set") or "filter(" in text


def test_no_view_or_form_module_writes_a_model():
    modules = sorted(SOURCE.glob("*/views.py")) + sorted(SOURCE.glob("*/forms.py"))
    assert len(modules) >= 14
    writes = [write for path in modules for write in _writes_in(path)]
    assert writes == []


def test_the_scan_sees_each_kind_of_write():
    source = """
def view(request, form, formset, obj):
    form.save(commit=False)
    form.save()
    formset.save()
    obj.save(update_fields=["x"])
    Thing.objects.filter(pk=1).update(x=2)
    Thing.objects.create(x=1)
    obj.topics.set([])
"""
    assert _writes_in_source(source, "v.py") == [
        "v.py:4 .save(",
        "v.py:5 .save(",
        "v.py:6 .save(",
        "v.py:7 .update(",
        "v.py:8 .create(",
    ]
