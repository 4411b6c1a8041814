"""Load intent template files (YAML) into an `IntentSet`, with file:line errors.

File format (any number of files; `lists` and `rules` are shared by all):

    rules:                       # <name> expansions usable in any template
      break: "(break|pause|time out|timeout|breather)"
    lists:                       # value lists usable as a slot type
      ritual:
        walk: [walk, evening walk, stroll]
        coffee: [coffee, slow coffee]
    intents:
      pause:
        slots:
          seconds: {type: duration, default: 60}
        requires: [break, "#d"]     # optional: one of these words must be said
        templates:
          - "[can we] (take|have) a <break> [for {seconds}]"
          - slots: {helped: false}          # fixed slot values for a group
            templates: ["that (didnt|did not) help"]

Slot types: `duration` (seconds), `time` ("HH:MM"), `cadence`, `text` (free
words, the rest of the sentence), `value` (set only by fixed values of a
template group), or the name of a list. Every declared slot appears in every
parse result, with its `default` (null unless given) when it was not said.
`requires` (optional) lists words of which an utterance must contain at least
one (after normalisation; "#d", "#t", "#c" stand for a said duration, time,
cadence); quote "yes" and "no", which YAML would read as booleans. A list of
lists asks for one word of every group: `requires: [["#t", "#c"], [check in]]`
is a time or a cadence AND the topic ("set timer for 4 pm" is not the check-in).
`joint: true` marks a shared practice: a sentence that says "I" or "me" and no
"we", "us", "our", "together" or "let's" is one person's wish ("i want a
coffee"), not the practice.
When a length was said that cannot be read exactly ("a few minutes", "five or
ten minutes") the duration slot is null and the result also carries
`"unclear": true` (not a declared slot: present only then); the dialog asks.

The YAML is read as a node tree (PyYAML `compose`) so every problem can name
the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import IntentFileError
from assistant.nlu.templates import (
    RuleRef,
    Sequence,
    SlotRef,
    TemplateSyntaxError,
    count_sentences,
    parse_template,
    walk,
)

# PyYAML is imported by the methods that read files: a parser loaded from the start-up
# cache reads no YAML, and `hearth parse` starts sooner without it.
if TYPE_CHECKING:
    import yaml

BUILTIN_TYPES = ("duration", "time", "cadence", "text", "value")
MAX_SENTENCES_PER_TEMPLATE = 5000
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class SlotSpec:
    """A slot of an intent.

    Attributes:
        name: the public slot name (e.g. "seconds").
        type: one of BUILTIN_TYPES or a list name.
        default: value when the utterance does not give one.
    """

    name: str
    type: str
    default: Any = None


@dataclass(frozen=True)
class TemplateSpec:
    """One template string of an intent.

    Attributes:
        source: the template as written.
        ast: its parsed form (see assistant.nlu.templates).
        fixed: slot values this template sets (from its group's `slots:`).
        path, line: where it was written.
    """

    source: str
    ast: Sequence
    fixed: dict[str, Any]
    path: str
    line: int


@dataclass
class IntentSpec:
    """An intent: its slots and templates, and where it was defined."""

    name: str
    slots: dict[str, SlotSpec]
    templates: list[TemplateSpec]
    path: str
    line: int
    requires: list[list[str]] = field(default_factory=list)
    """Groups of words (or placeholders like #d): the utterance must contain one word
    of every group."""
    joint: bool = False
    """A shared practice: one person's "I want ..." without "we"/"our" is not it."""


@dataclass
class ValueList:
    """A named list of slot values, each with the phrases that say it."""

    name: str
    values: dict[Any, list[str]]
    path: str
    line: int


@dataclass
class IntentSet:
    """Everything loaded from the template files."""

    intents: dict[str, IntentSpec] = field(default_factory=dict)
    lists: dict[str, ValueList] = field(default_factory=dict)
    rules: dict[str, Sequence] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def template_files(path: Path | str) -> list[Path]:
    """The YAML files under `path`: an `intents/` folder, a templates folder or a file."""
    path = Path(path)
    if path.is_file():
        return [path]
    if (path / "templates").is_dir():
        path = path / "templates"
    if not path.is_dir():
        raise IntentFileError(path, 0, "no such file or folder")
    files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
    if not files:
        raise IntentFileError(path, 0, "no intent template files (*.yaml) here")
    return files


def load_intent_set(path: Path | str, errors: list[IntentFileError] | None = None) -> IntentSet:
    """Load and validate every template file under `path`.

    With `errors=None` the first problem raises IntentFileError; with a list,
    problems are appended and loading carries on (for `hearth intents check`).
    """
    collect = errors is not None
    found: list[IntentFileError] = errors if errors is not None else []
    result = IntentSet()
    reader = _Reader(result, found, collect)
    for file in template_files(path):
        reader.read_file(file)
    reader.validate()
    if not collect and found:
        raise found[0]
    return result


class _Reader:
    def __init__(self, result: IntentSet, errors: list[IntentFileError], collect: bool):
        import yaml

        self.result = result
        self.errors = errors
        self.fail_fast = not collect
        self._constructor = yaml.SafeLoader("")

    def error(self, path: Path | str, line: int, reason: str) -> None:
        err = IntentFileError(path, line, reason)
        if self.fail_fast:
            raise err
        self.errors.append(err)

    def value(self, node: yaml.Node) -> Any:
        return self._constructor.construct_object(node, deep=True)

    def read_file(self, file: Path) -> None:
        import yaml

        self.result.files.append(str(file))
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.error(file, 0, f"cannot read: {exc}")
            return
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            # An unclosed quote or bracket is found at the end of the file; where it
            # was opened (the context) is the line worth showing.
            problem = exc.problem or ""
            scanning = exc.context_mark is not None and (
                (exc.context or "").startswith("while scanning")
                or "stream end" in problem
                or "end of stream" in problem
            )
            mark = (exc.context_mark if scanning else None) or exc.problem_mark
            line = mark.line + 1 if mark else 0
            reason = f"{exc.context}: {exc.problem}" if scanning else exc.problem or exc.context
            self.error(file, line, f"YAML syntax error: {reason}")
            return
        except yaml.YAMLError as exc:
            self.error(file, 0, f"YAML error: {exc}")
            return
        if root is None:
            self.error(file, 1, "file is empty")
            return
        if not isinstance(root, yaml.MappingNode):
            self.error(file, _line(root), "expected a mapping with 'intents', 'lists', 'rules'")
            return
        for key_node, value_node in root.value:
            key = key_node.value
            if key == "rules":
                self.read_rules(file, value_node)
            elif key == "lists":
                self.read_lists(file, value_node)
            elif key == "intents":
                self.read_intents(file, value_node)
            else:
                self.error(file, _line(key_node), f"unknown section '{key}'")

    def mapping(self, file: Path, node: yaml.Node, what: str) -> list[tuple[Any, Any]]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.error(file, _line(node), f"{what} must be a mapping")
            return []
        return node.value

    def read_rules(self, file: Path, node: yaml.Node) -> None:
        import yaml

        for key_node, value_node in self.mapping(file, node, "rules"):
            name = str(key_node.value)
            if not isinstance(value_node, yaml.ScalarNode):
                self.error(file, _line(value_node), f"rule <{name}> must be a template string")
                continue
            ast = self.parse(file, value_node)
            if ast is not None:
                if name in self.result.rules:
                    self.error(file, _line(key_node), f"rule <{name}> defined twice")
                self.result.rules[name] = ast

    def read_lists(self, file: Path, node: yaml.Node) -> None:
        for key_node, value_node in self.mapping(file, node, "lists"):
            name = str(key_node.value)
            values: dict[Any, list[str]] = {}
            for vkey, vnode in self.mapping(file, value_node, f"list '{name}'"):
                phrases = self.value(vnode)
                if isinstance(phrases, str):
                    phrases = [phrases]
                if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                    self.error(file, _line(vnode), f"list '{name}': phrases must be strings")
                    continue
                values[self.value(vkey)] = phrases
            if name in self.result.lists:
                self.error(file, _line(key_node), f"list '{name}' defined twice")
            self.result.lists[name] = ValueList(name, values, str(file), _line(key_node))

    def read_intents(self, file: Path, node: yaml.Node) -> None:
        for key_node, value_node in self.mapping(file, node, "intents"):
            name = str(key_node.value)
            line = _line(key_node)
            if not _NAME_RE.match(name):
                self.error(file, line, f"bad intent name '{name}'")
                continue
            if name in self.result.intents:
                prev = self.result.intents[name]
                where = f"{prev.path}:{prev.line}"
                self.error(file, line, f"intent '{name}' already defined at {where}")
                continue
            spec = IntentSpec(name, {}, [], str(file), line)
            errors_before = len(self.errors)
            for skey, snode in self.mapping(file, value_node, f"intent '{name}'"):
                if skey.value == "slots":
                    self.read_slots(file, spec, snode)
                elif skey.value == "templates":
                    self.read_templates(file, spec, snode, {})
                elif skey.value == "requires":
                    words = self.value(snode)
                    groups = words if isinstance(words, list) and words else None
                    if groups and all(isinstance(w, str) for w in groups):
                        groups = [groups]
                    if not groups or not all(
                        isinstance(g, list) and g and all(isinstance(w, str) for w in g)
                        for g in groups
                    ):
                        self.error(
                            file,
                            _line(snode),
                            "'requires' must be a list of words or of word lists (quote yes/no)",
                        )
                    else:
                        spec.requires = groups
                elif skey.value == "joint":
                    value = self.value(snode)
                    if not isinstance(value, bool):
                        self.error(file, _line(snode), "'joint' must be true or false")
                    else:
                        spec.joint = value
                else:
                    self.error(file, _line(skey), f"intent '{name}': unknown key '{skey.value}'")
            if not spec.templates and len(self.errors) == errors_before:
                self.error(file, line, f"intent '{name}' has no templates")
            self.result.intents[name] = spec

    def read_slots(self, file: Path, spec: IntentSpec, node: yaml.Node) -> None:
        for key_node, value_node in self.mapping(file, node, "slots"):
            name = str(key_node.value)
            raw = self.value(value_node)
            if isinstance(raw, str):
                raw = {"type": raw}
            if not isinstance(raw, dict) or "type" not in raw:
                self.error(file, _line(value_node), f"slot '{name}' needs a type")
                continue
            extra = set(raw) - {"type", "default"}
            if extra:
                self.error(file, _line(value_node), f"slot '{name}': unknown key {sorted(extra)}")
            spec.slots[name] = SlotSpec(name, str(raw["type"]), raw.get("default"))

    def read_templates(
        self, file: Path, spec: IntentSpec, node: yaml.Node, fixed: dict[str, Any]
    ) -> None:
        import yaml

        if isinstance(node, yaml.ScalarNode):
            node = yaml.SequenceNode("tag:yaml.org,2002:seq", [node])
        if not isinstance(node, yaml.SequenceNode):
            self.error(file, _line(node), "templates must be a list")
            return
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                ast = self.parse(file, item)
                if ast is not None:
                    spec.templates.append(
                        TemplateSpec(str(item.value), ast, dict(fixed), str(file), _line(item))
                    )
            elif isinstance(item, yaml.MappingNode):
                group_fixed = dict(fixed)
                templates = None
                for gkey, gnode in item.value:
                    if gkey.value == "slots":
                        values = self.value(gnode)
                        if not isinstance(values, dict):
                            self.error(file, _line(gnode), "group 'slots' must be a mapping")
                            continue
                        group_fixed.update(values)
                    elif gkey.value == "templates":
                        templates = gnode
                    else:
                        self.error(file, _line(gkey), f"unknown key '{gkey.value}' in group")
                if templates is None:
                    self.error(file, _line(item), "template group needs 'templates'")
                else:
                    self.read_templates(file, spec, templates, group_fixed)
            else:
                self.error(file, _line(item), "a template must be a string or a group")

    def parse(self, file: Path, node: yaml.ScalarNode) -> Sequence | None:
        text = node.value
        if not isinstance(text, str) or not text.strip():
            self.error(file, _line(node), "empty template")
            return None
        try:
            return parse_template(text)
        except TemplateSyntaxError as exc:
            self.error(file, _line(node), f"bad template {text!r}: {exc}")
            return None

    def validate(self) -> None:
        """Cross-file checks: slot types, references, fixed values, size."""
        result = self.result
        for spec in result.intents.values():
            for slot in spec.slots.values():
                if slot.type not in BUILTIN_TYPES and slot.type not in result.lists:
                    self.error(
                        spec.path, spec.line, f"slot '{slot.name}': unknown type '{slot.type}'"
                    )
            for tpl in spec.templates:
                for node in walk(tpl.ast):
                    if isinstance(node, SlotRef) and node.name not in spec.slots:
                        self.error(
                            tpl.path, tpl.line, f"unknown slot {{{node.name}}} in '{spec.name}'"
                        )
                    elif isinstance(node, SlotRef) and spec.slots[node.name].type == "value":
                        self.error(
                            tpl.path,
                            tpl.line,
                            f"slot {{{node.name}}} is a 'value' slot: set it with a group's "
                            "'slots:', it cannot be said",
                        )
                    elif isinstance(node, RuleRef) and node.name not in result.rules:
                        self.error(tpl.path, tpl.line, f"unknown rule <{node.name}>")
                for name in tpl.fixed:
                    if name not in spec.slots:
                        self.error(tpl.path, tpl.line, f"fixed value for unknown slot '{name}'")
                try:
                    size = count_sentences(tpl.ast, result.rules)
                except RecursionError:
                    self.error(tpl.path, tpl.line, "a rule refers to itself")
                    continue
                if size > MAX_SENTENCES_PER_TEMPLATE:
                    self.error(
                        tpl.path,
                        tpl.line,
                        f"template expands to {size} sentences "
                        f"(limit {MAX_SENTENCES_PER_TEMPLATE}): split it",
                    )


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1 if node.start_mark else 0
