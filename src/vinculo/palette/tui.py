"""``vinculo palette``: a terminal command palette built on prompt_toolkit.

Type to fuzzy-filter the commands (rapidfuzz), ↑/↓ to choose, Enter to run; the palette then
asks for each parameter in the same line, offering the vault's contacts, notes or the
parameter's choices as a filtered list. Esc goes back (or leaves from the command list).
Results stay on screen, and are printed again on leaving so their obsidian:// links remain in
the terminal's scrollback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import HSplit, Layout, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.styles import Style
from rapidfuzz import fuzz

from vinculo.errors import VinculoError
from vinculo.model import CommandContext, Param
from vinculo.name_lookup import rank_contacts
from vinculo.palette.registry import Registered, prepare_params, run_command
from vinculo.text import fold

VISIBLE = 10  # rows of the list
MESSAGE_LINES = 12  # rows of a command's result shown under it

STYLE = Style.from_dict(
    {
        "title": "bold",
        "hint": "#888888",
        "selected": "reverse",
        "id": "#888888",
        "ok": "ansigreen",
        "error": "ansired bold",
    }
)


def rank_commands(query: str, commands: dict[str, Registered]) -> list[str]:
    """Command ids best first for what was typed; every command, by title, when nothing is."""
    key = fold(query).strip()
    if not key:
        return list(commands)
    scored = []
    for cid, reg in commands.items():
        title = fold(reg.command.title)
        words = title.split() + cid.replace("-", " ").split()
        score = max(fuzz.partial_ratio(key, title), fuzz.partial_ratio(key, cid),
                    fuzz.token_set_ratio(key, title))
        if any(w.startswith(key) for w in words) or title.startswith(key):
            score += 20
        scored.append((score, cid))
    best = sorted(scored, key=lambda s: (-s[0], fold(commands[s[1]].command.title)))
    return [cid for score, cid in best if score >= 60]


def rank_values(query: str, values: list[str], limit: int = 50) -> list[str]:
    """Parameter values (choices, note paths) best first for what was typed."""
    key = fold(query).strip()
    if not key:
        return values[:limit]
    scored = [(fuzz.partial_ratio(key, fold(v)) + (10 if key in fold(v) else 0), v) for v in values]
    return [v for s, v in sorted(scored, key=lambda x: (-x[0], x[1])) if s >= 60][:limit]


@dataclass
class PaletteState:
    """Where the palette is: choosing a command, or filling parameter ``index`` of ``chosen``."""

    chosen: Registered | None = None
    index: int = 0
    values: dict[str, str] = field(default_factory=dict)
    items: list[str] = field(default_factory=list)
    selected: int = 0
    message: StyleAndTextTuples = field(default_factory=list)


class Palette:
    """The palette over a set of commands and one vault; :meth:`run` returns the transcript."""

    def __init__(self, commands: dict[str, Registered], ctx: CommandContext) -> None:
        self.commands = commands
        self.ctx = ctx
        self.state = PaletteState()
        self.transcript: list[str] = []
        self._contacts: list[str] | None = None
        self._notes: list[str] | None = None
        self.buffer = Buffer(multiline=False, on_text_changed=lambda _b: self._refilter())
        self._refilter()

    # --- data ---------------------------------------------------------------------------------

    def contact_names(self) -> list[str]:
        if self._contacts is None:
            from vinculo.newnotes import vault_contacts

            self._contacts = sorted(vault_contacts(self.ctx.vault, self.ctx.config, self.ctx.pm))
        return self._contacts

    def note_paths(self) -> list[str]:
        if self._notes is None:
            from vinculo.vault import iter_markdown

            self._notes = sorted(rel for _p, rel in iter_markdown(self.ctx.vault, self.ctx.config))
        return self._notes

    @property
    def param(self) -> Param | None:
        chosen = self.state.chosen
        if chosen is None or self.state.index >= len(chosen.command.params):
            return None
        return chosen.command.params[self.state.index]

    def _refilter(self) -> None:
        text = self.buffer.text
        param = self.param
        if self.state.chosen is None:
            items = rank_commands(text, self.commands)
        elif param is None:
            items = []
        elif param.choices:
            items = rank_values(text, list(param.choices))
        elif param.kind == "person":
            items = rank_contacts(text, self.contact_names())
        elif param.kind == "note":
            items = rank_values(text, self.note_paths())
        else:
            items = []
        self.state.items = items
        self.state.selected = 0

    # --- actions ------------------------------------------------------------------------------

    def move(self, step: int) -> None:
        if self.state.items:
            self.state.selected = (self.state.selected + step) % len(self.state.items)

    def enter(self) -> None:
        state = self.state
        if state.chosen is None:
            if not state.items:
                return
            state.chosen = self.commands[state.items[state.selected]]
            state.index, state.values, state.message = 0, {}, []
            self._next_param()
            return
        param = self.param
        if param is None:
            return
        typed = self.buffer.text.strip()
        value = state.items[state.selected] if state.items and (typed or param.required) else typed
        if not value and param.default is None and param.required:
            state.message = [("class:error", f"{param.prompt}: a value is needed (Esc to go back)")]
            return
        if value:
            state.values[param.name] = value
        state.index += 1
        self._next_param()

    def _next_param(self) -> None:
        """Ask for the next parameter, or run the command when none is left."""
        chosen = self.state.chosen
        assert chosen is not None
        while (param := self.param) is not None:
            if param.kind == "note" and self.ctx.note and param.name not in self.state.values:
                self.state.values[param.name] = self.ctx.note
                self.state.index += 1
                continue
            break
        self.buffer.reset()
        self._refilter()
        if self.param is None:
            self._run(chosen)

    def _run(self, chosen: Registered) -> None:
        command = chosen.command
        try:
            params = prepare_params(command, self.state.values, self.ctx)
            output = run_command(command, self.ctx, params) or "done"
            style, mark = "class:ok", "✓"
        except VinculoError as exc:  # CommandError and every other error a user can act on
            output, style, mark = str(exc), "class:error", "✗"
        except Exception as exc:  # a plugin's bug must not take the palette down
            output, style, mark = f"{type(exc).__name__}: {exc}", "class:error", "✗"
        self.transcript.append(f"{mark} {command.title}\n{output}")
        lines = output.splitlines()
        if len(lines) > MESSAGE_LINES:
            more = len(lines) - MESSAGE_LINES + 1
            lines = [*lines[: MESSAGE_LINES - 1], f"… {more} more lines, printed when you leave"]
        shown = "\n".join(lines)
        self.state = PaletteState(message=[(style, f"{mark} {command.title}\n"), ("", shown)])
        self._contacts = self._notes = None  # the command may have added people or notes
        self.buffer.reset()
        self._refilter()

    def back(self, event: KeyPressEvent) -> None:
        if self.state.chosen is None:
            event.app.exit(result=self.transcript)
            return
        self.state = PaletteState(message=[("class:hint", "cancelled")])
        self.buffer.reset()
        self._refilter()

    # --- screen -------------------------------------------------------------------------------

    def _prompt(self) -> str:
        param = self.param
        if self.state.chosen is None or param is None:
            return "> "
        optional = param.required or "(optional)" in param.prompt  # said once, not twice
        hint = f" [{param.default}]" if param.default else ("" if optional else " (optional)")
        return f"{param.prompt}{hint}: "

    def _header(self) -> StyleAndTextTuples:
        if self.state.chosen is None:
            return [("class:title", f"vinculo · {self.ctx.vault.name}"),
                    ("class:hint", "   type to filter · ↑↓ choose · Enter run · Esc leave")]
        return [("class:title", self.state.chosen.command.title),
                ("class:hint", "   Enter accept · Esc back")]

    def _list(self) -> StyleAndTextTuples:
        items, selected = self.state.items, self.state.selected
        start = max(0, min(selected - VISIBLE // 2, len(items) - VISIBLE))
        out: StyleAndTextTuples = []
        for i in range(start, min(len(items), start + VISIBLE)):
            style = "class:selected" if i == selected else ""
            if self.state.chosen is None:
                reg = self.commands[items[i]]
                out += [(style, f"{'›' if i == selected else ' '} {reg.command.title}"),
                        ("class:id", f"  {items[i]}\n")]
            else:
                out.append((style, f"{'›' if i == selected else ' '} {items[i]}\n"))
        if not items and self.state.chosen is None:
            out.append(("class:hint", "  no command matches\n"))
        return out

    def _footer(self) -> StyleAndTextTuples:
        if self.state.message:
            return self.state.message
        if self.state.chosen is None and self.state.items:
            reg = self.commands[self.state.items[self.state.selected]]
            return [("class:hint", f"{reg.command.description}  ({reg.plugin})")]
        return []

    def application(self, **io: Any) -> Application[list[str]]:
        keys = KeyBindings()
        keys.add("up")(lambda e: self.move(-1))
        keys.add("c-p")(lambda e: self.move(-1))
        keys.add("down")(lambda e: self.move(1))
        keys.add("c-n")(lambda e: self.move(1))
        keys.add("enter")(lambda e: self.enter())
        keys.add("escape", eager=True)(self.back)
        keys.add("c-c")(lambda e: e.app.exit(result=self.transcript))
        layout = Layout(
            HSplit(
                [
                    Window(FormattedTextControl(self._header), height=1),
                    Window(
                        BufferControl(self.buffer, input_processors=[BeforeInput(self._prompt)]),
                        height=1,
                    ),
                    Window(FormattedTextControl(self._list), height=Dimension(max=VISIBLE)),
                    Window(FormattedTextControl(self._footer), wrap_lines=True,
                           height=Dimension(max=MESSAGE_LINES + 4)),
                ]
            )
        )
        return Application(layout=layout, key_bindings=keys, style=STYLE, full_screen=False,
                           erase_when_done=True, **io)


def run_palette(
    commands: dict[str, Registered],
    ctx: CommandContext,
    echo: Callable[[str], None] | None = None,
    **io: Any,
) -> list[str]:
    """Run the palette until Esc; ``io`` may pass ``input=``/``output=`` (tests drive it
    headless). Each result is passed to ``echo`` on leaving, and returned."""
    import threading

    palette = Palette(commands, ctx)
    app = palette.application(**io)
    in_main = threading.current_thread() is threading.main_thread()
    transcript = app.run(handle_sigint=in_main) or []
    if echo:
        for entry in transcript:
            echo(entry)
    return transcript
