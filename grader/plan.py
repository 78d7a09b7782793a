"""The grader's side of a kata: inputs and reference results planned once, every verdict judged.

A :class:`KataPlan` is computed once per (kata folder, device, torch version, hash of the kata's
files): the cases, the tasks for the submission's process (``job.pt``), and the reference
results that do not depend on the submission. :meth:`KataPlan.judge` turns what one
submission's process sent back (an ``Outcome`` of ``grader.slot``) into a :class:`Report`.
:class:`PlanCache` keeps plans for a pool, so re-grades and a class of submissions reuse them.
A plan is the same in every language: judging words the verdict in the grade's ``lang``.
"""

from __future__ import annotations

import hashlib
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path

from grader import protocol
from grader.messages import DEFAULT_LANG, child_error, msg
from grader.report import ERROR, FAIL, PASS, Report, TestResult

#: The signals whose death the report explains (``grader.messages`` "fate.<name>").
SIGNAL_REASONS = {
    signal.SIGSEGV: "fate.sigsegv",
    signal.SIGABRT: "fate.sigabrt",
    signal.SIGBUS: "fate.sigbus",
    signal.SIGFPE: "fate.sigfpe",
    signal.SIGILL: "fate.sigill",
    signal.SIGXCPU: "fate.sigxcpu",
    signal.SIGXFSZ: "fate.sigxfsz",
    signal.SIGKILL: "fate.sigkill",
}
#: The files whose content a plan depends on (``wrong/`` is not among them).
PLAN_FILES = ("kata.yaml", "reference.py", "cases.py", "probe.py")
#: One judgement (and one planning) at a time in a grader process: see KataPlan.judge.
JUDGING = threading.RLock()


def kata_fingerprint(folder: Path) -> str:
    """A hash of the files a plan is computed from."""
    digest = hashlib.sha256()
    for name in PLAN_FILES:
        path = folder / name
        digest.update(name.encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class KataPlan:
    """One kata planned for one device: what to send, and how to judge what comes back."""

    kata: object            # grader.kata.Kata
    device: str
    ctx: object             # grader.checks.Context, planned
    checks: list = field(default_factory=list)
    job: bytes = b""
    probe: bytes | None = None
    config: dict = field(default_factory=dict)

    @classmethod
    def build(cls, kata, device: str) -> KataPlan:
        """Plan every check of ``kata`` (runs the kata's cases and parts of its reference)."""
        import torch

        from grader.checks import Context, build_checks

        ctx = Context(kata, device, "", cuda_available=torch.cuda.is_available())
        checks = build_checks(ctx)
        probe = kata.path("probe.py")
        # The profiler hook watches both the forbidden APIs and the forbidden operators.
        apis = [api for c in kata.spec.checks if c.kind == "forbidden" for api in [*c.apis, *c.ops]]
        return cls(kata, device, ctx, checks, protocol.job_bytes(torch, [t.payload for t in ctx.tasks]),
                   probe.read_bytes() if probe.is_file() else None, {"forbidden_apis": apis})

    def files(self, source: str) -> dict[str, bytes]:
        """The files of one grade's working folder."""
        files = {protocol.SUBMISSION_FILE: source.encode("utf-8"), protocol.JOB_FILE: self.job}
        if self.probe is not None:
            files[protocol.PROBE_FILE] = self.probe
        return files

    def judge(self, source: str, outcome, lang: str = DEFAULT_LANG) -> Report:
        """The verdict on one submission from what its process sent back, worded in ``lang``
        (check names, messages, diagnoses, and a kata's texts in both languages such as a ``why``)."""
        # References and kata evaluations seed and draw from torch's global generator: two
        # judgements at once (even of different katas) would draw from each other's sequence.
        with JUDGING:
            return self._judge(source, outcome, lang)

    def _judge(self, source: str, outcome, lang: str) -> Report:
        ctx = self.ctx.for_grade(source, lang)
        spec = self.kata.spec
        for record in outcome.records:
            if record.get("kind") == "import":
                ctx.import_record = record
            elif record.get("kind") == "task" and isinstance(record.get("id"), int):
                ctx.results[record["id"]] = record
        # Without its zygote nothing watched the clock or the process: no verdict from its records.
        finished = any(r.get("kind") == "done" for r in outcome.records) and not outcome.zygote_died
        report = Report(spec.id, PASS, None, [], self.device, outcome.isolation, 0.0,
                        combined_output(outcome, ctx.import_record), lang=lang)
        report.timings = {"startup_s": round(outcome.startup_s, 3), "run_s": round(outcome.wall_s, 3)}
        checks = [check.bound(ctx) for check in self.checks]
        record = ctx.import_record
        if not record:
            report.status = ERROR
            report.message = msg("verdict.not_started", lang, fate=process_fate(outcome, lang))
            return report
        if not record.get("ok"):
            where = msg("where.line", lang, line=record["line"]) if record.get("line") else ""
            report.status = ERROR
            report.message = msg("verdict.import_failed", lang, error=child_error(record, lang), where=where)
            if record.get("exception") == "SystemExit" or record.get("traceback"):
                report.output = (report.output + "\n" + record.get("traceback", "")).strip()
            # What the source shows (a forbidden API, reflection) is still worth saying.
            report.tests.extend(c.evaluate() for c in checks if c.kind == "forbidden")
            return report
        ctx.missing = [name for name in spec.entry if name not in record.get("names", [])]
        if ctx.missing:
            report.tests.append(TestResult(msg("check.entry", lang, names=", ".join(spec.entry)), FAIL,
                                           msg("check.entry.missing", lang, names=", ".join(ctx.missing)),
                                           kind="entry"))
        if not finished:
            ctx.failure_note = process_fate(outcome, lang)
        report.tests.extend(check.evaluate() for check in checks)
        if len(ctx.missing) == len(spec.entry):
            report.status = FAIL
            key = "verdict.empty_file" if not source.strip() else "verdict.defines_none"
            report.message = msg(key, lang, names=", ".join(spec.entry))
        elif not finished:
            report.status = ERROR
            report.message = msg("verdict.process", lang, fate=ctx.failure_note)
        elif any(t.status != PASS for t in report.tests):
            report.status = FAIL
            failed = [t.name for t in report.tests if t.status != PASS]
            report.message = msg("verdict.failed", lang, failed=len(failed), total=len(report.tests),
                                 names="; ".join(failed))
        return report


def process_fate(outcome, lang: str = DEFAULT_LANG) -> str:
    """Why the submission's process stopped early, in words (in ``lang``; a slot's own note, such
    as why it could not start, as the slot wrote it)."""
    if outcome.note:
        return outcome.note
    if outcome.zygote_died:
        return msg("fate.zygote", lang)
    if outcome.timed_out:
        return msg("fate.timeout", lang, seconds=f"{outcome.limit_s:g}")
    code = outcome.returncode
    if code is None:
        return msg("fate.unfinished", lang)
    if code < 0:
        try:
            sig = signal.Signals(-code)
        except ValueError:
            return msg("fate.signal_number", lang, number=-code)
        key = SIGNAL_REASONS.get(sig)
        return msg(key, lang) if key else msg("fate.signal", lang, signal=sig.name)
    if code == 0:
        return msg("fate.exit0", lang)
    return msg("fate.exit", lang, code=code) + (msg("fate.out_of_memory", lang) if code in (137, 9) else "")


def combined_output(outcome, import_record: dict) -> str:
    parts = []
    if import_record.get("output"):
        parts.append(import_record["output"])
    for text in (outcome.stdout, outcome.stderr):
        if text and text.strip():
            parts.append(text.strip())
    return "\n".join(parts)[:8000]


class PlanCache:
    """Plans by (kata folder, device, torch version, fingerprint of the kata's files)."""

    def __init__(self):
        self._plans: dict[tuple, KataPlan] = {}
        self._lock = threading.Lock()

    def get(self, kata, device: str) -> KataPlan:
        import torch

        key = (str(Path(kata.folder).resolve()), device, torch.__version__, kata_fingerprint(Path(kata.folder)))
        with self._lock, JUDGING:
            plan = self._plans.get(key)
            if plan is None:
                plan = self._plans[key] = KataPlan.build(kata, device)
            return plan
