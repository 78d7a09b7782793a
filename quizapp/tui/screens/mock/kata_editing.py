"""The run screen's side of the kata files: the editor on the open kata, reloads when the file
changes on disk, saving, and what is handed in. The files themselves are
:class:`~quizapp.tui.screens.mock.katafiles.KataFiles`; this mixin shows what happens to them.
"""

from __future__ import annotations

from quizapp.tui.widgets.code_editor import CodeEditor


class KataEditing:
    """Mixed into :class:`~quizapp.tui.screens.mock.run.MockRunScreen`, which provides
    ``katas`` (:class:`KataFiles`), ``plan``, ``run``, the open item ``_shown``, its answer
    widget (``_answer_widget``) and the bookkeeping of answers to store (``_unkept``,
    ``_keep_answers``, ``_refresh_item_label``)."""

    def _shown_kata(self) -> str | None:
        if self._shown is None or self.plan.items[self._shown].kind != "kata":
            return None
        return self.plan.items[self._shown].id

    def _editor(self) -> CodeEditor | None:
        widget = self._answer_widget()
        return widget if isinstance(widget, CodeEditor) and self._shown_kata() else None

    def _poll_disk(self) -> None:
        """While a kata is open, notice when its file changes on disk."""
        kata_id = self._shown_kata()
        if kata_id is not None and not self.submitted and self.katas.changed(kata_id):
            self._check_disk(kata_id)

    def _check_disk(self, kata_id: str) -> None:
        """Reload an editor without unsaved edits when the file changed; with edits on both
        sides keep both and say so."""
        outcome, text = self.katas.look(kata_id)
        if outcome == "conflict":
            self.notify(self.t("mock.conflict"), severity="warning", timeout=15)
        elif outcome == "changed":
            self._load_kata(kata_id, text)
            self.notify(self.t("kata.changed_on_disk"), timeout=3)

    def _load_kata(self, kata_id: str, text: str) -> None:
        """Take the file's text into the editor (and as the answer)."""
        self.katas.take(kata_id, text)
        editor = self._editor()
        if editor is not None and self._shown_kata() == kata_id:
            editor.reload(text)
        self._kata_answered(kata_id)

    def _kata_answered(self, kata_id: str) -> None:
        index = next((i for i, item in enumerate(self.plan.items)
                      if item.kind == "kata" and item.id == kata_id), None)
        if index is None:
            return
        self.run.set_answer(index, {"file": str(self.katas.files.get(kata_id, ""))})
        self._unkept.add(index)
        self._refresh_item_label(index)

    def _save_kata(self, kata_id: str, *, keep_editor: bool = False) -> bool:
        """Write the editor's text to the kata's file when it holds edits, after looking at the
        file: a file changed on disk is reloaded (no edits) or left alone (edits on both sides,
        unless ``keep_editor``: the learner chose the editor's text with ctrl+s)."""
        self._check_disk(kata_id)
        if kata_id in self.katas.conflicts and not keep_editor:
            return False
        if kata_id not in self.katas.files or not self.katas.edited(kata_id):
            self.katas.conflicts.discard(kata_id)
            return True
        try:
            self.katas.write(kata_id)
        except OSError as exc:
            self.notify(self.t("kata.save_failed", error=exc), severity="error")
            return False
        self._kata_answered(kata_id)
        return True

    def _hand_in_kata(self, kata_id: str) -> str:
        """The code a kata is graded with when the mock is submitted: the editor's edits are
        saved first, unless the file changed on disk meanwhile; then what is on disk counts,
        and edits on both sides leave the editor's text in a file beside it."""
        if self._save_kata(kata_id) or kata_id not in self.katas.conflicts:
            return self.katas.disk.get(kata_id, self.katas.code.get(kata_id, ""))
        try:
            copy = self.katas.keep_editor_copy(kata_id)
            self.notify(self.t("mock.conflict_kept", file=self.katas.files[kata_id], copy=copy),
                        severity="warning", timeout=12)
        except OSError as exc:
            self.notify(self.t("kata.save_failed", error=exc), severity="error")
        return self.katas.reread(kata_id)

    def save_shown_kata(self) -> None:
        """Save the open kata's editor text: the learner's choice, also over a file that changed
        on disk while the editor held edits."""
        kata_id = self._shown_kata()
        if kata_id is None:
            return
        editor = self._editor()
        if editor is not None:
            self.katas.code[kata_id] = editor.text
        if self._save_kata(kata_id, keep_editor=True):
            self._keep_answers()
            path = self.katas.files.get(kata_id)
            if path is not None:
                self.notify(self.t("kata.saved", file=path), timeout=2)

    def action_reload(self) -> None:
        """ctrl+l on a kata: load its file from disk into the editor (edits not saved go)."""
        kata_id = self._shown_kata()
        if kata_id is None:
            return
        text = self.katas.read(kata_id)
        if text is None:
            self.notify(self.t("mock.file_unreadable", file=self.katas.files.get(kata_id)),
                        severity="error")
            return
        self._load_kata(kata_id, text)
        self._keep_answers()
        self.notify(self.t("kata.reloaded"), timeout=3)
