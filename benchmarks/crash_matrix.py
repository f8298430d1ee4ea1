#!/usr/bin/env python3
"""The crash matrix of issue 15, item 2.

SIGKILL at random points of every step that writes — records import, batch decide (submit),
approval, release, a ledger append (an agreement change), checkpoint, review, disposal — then
restart (the step again, or `batch resume`) and check that nothing was lost, doubled or left
half-written:

  * `gatehouse ledger verify` passes and `gatehouse audit` names no row;
  * every batch row has exactly one decision, and at most one disclosure;
  * a released batch has a disclosure for every row; a batch that is not released has none
    that a requester could be handed (no response file can be written);
  * the records import leaves every person of the file with exactly their addresses.

Then two environments: a full disk (the workspace on a tmpfs of a few MB) and a read-only
database (the same tmpfs remounted read-only): each command must fail with a message and exit
status, and leave a workspace that still verifies and audits clean once it has room again.

Prints the matrix (step × what happened) and the counts. Exit 0 when every check held.

Usage: crash_matrix.py GATEHOUSE_BINARY WORKDIR [--trials 100] [--seed 1]
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

STEPS = ["import", "decide", "approve", "release", "ledger-append", "checkpoint", "review", "disposal"]


def run(gh, *args, ws=None, check=False, timeout=600, env=None):
    cmd = [gh, *args] + (["--workspace", ws] if ws else [])
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and result.returncode != 0:
        raise SystemExit(f"setup failed: {' '.join(args)}: {result.stderr.strip()}")
    return result


def agreement(year):
    return f"""id: crash
version: 1
requester: {{agency: Crash Test Agency}}
legal_basis: ["26 U.S.C. § 6103(i)(2)"]
purpose: Crash testing.
valid_from: {year - 1}-01-01
valid_until: {year + 1}-12-31
signers: [{{name: Pat Signer, role: Director}}]
permitted_signer_roles: [Director]
permitted_statutes: ["8 U.S.C. § 1253(a)(1)"]
permitted_fields: [verification, last_known_address]
"""


def manifest(year):
    return f"""agreement: crash
requester: Crash Test Agency
signer: {{name: Pat Signer, role: Director}}
statute: "8 U.S.C. § 1253(a)(1)"
tax_periods: ["{year - 1}"]
reason: Named in the proceeding.
proceeding: Case C-1
attestation: true
"""


def order(version, year):
    return f"""id: crash-order
version: {version}
court: U.S. District Court (fictional)
case_number: "1:26-cv-00001"
issued: {year}-01-02
effective: {year}-01-02
scope: {{agreements: [crash]}}
effect: {{forbid_fields: [last_known_address]}}
status: {'active' if version % 2 else 'stayed'}
"""


class Setup:
    """Workspaces at each stage, copied for every trial."""

    def __init__(self, gh, work):
        self.gh, self.work = gh, work
        self.data = os.path.join(work, "data")
        year = time.gmtime().tm_year
        os.makedirs(work, exist_ok=True)
        run(gh, "synth", "--records", "20000", "--requests", "8000", "--seed", "3", "--out", self.data, check=True)
        for name, text in [("agreement.yaml", agreement(year)), ("manifest.yaml", manifest(year))]:
            open(os.path.join(work, name), "w").write(text)
        for v in range(1, 400):
            open(os.path.join(work, f"order-{v}.yaml"), "w").write(order(v, year))
        self.stages = {}
        ws = self.stage("empty")
        run(gh, "init", ws, check=True)
        self.snapshot("empty", ws)
        run(gh, "records", "import", os.path.join(self.data, "records.csv"), ws=ws, check=True)
        run(gh, "agreement", "add", os.path.join(work, "agreement.yaml"), ws=ws, check=True)
        self.snapshot("imported", ws)
        self.submit(ws, check=True)
        self.batch = self.batch_id(ws)
        self.snapshot("decided", ws)
        run(gh, "batch", "approve", self.batch, "--officer", "o.a", ws=ws, check=True)
        self.snapshot("approved-once", ws)
        run(gh, "batch", "approve", self.batch, "--officer", "o.b", ws=ws, check=True)
        self.snapshot("approved", ws)
        run(gh, "batch", "release", self.batch, ws=ws, check=True)
        self.snapshot("released", ws)
        review = run(gh, "review", "--agreement", "crash", "--json", ws=ws, check=True)
        self.snapshot("reviewed", ws)
        self.review_id = self.latest_review(ws)

    def stage(self, name):
        return os.path.join(self.work, "stage-" + name)

    def snapshot(self, name, ws):
        target = self.stage(name)
        if os.path.abspath(target) != os.path.abspath(ws):
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(ws, target)
        self.stages[name] = target

    def copy(self, name, to):
        shutil.rmtree(to, ignore_errors=True)
        shutil.copytree(self.stages[name], to)
        return to

    def submit(self, ws, check=False, env=None):
        return run(self.gh, "batch", "submit", "--agreement", "crash", "--manifest",
                   os.path.join(self.work, "manifest.yaml"), os.path.join(self.data, "requests.csv"),
                   ws=ws, check=check, env=env)

    @staticmethod
    def batch_id(ws):
        db = sqlite3.connect(os.path.join(ws, "gatehouse.sqlite"))
        (bid,) = db.execute("SELECT id FROM batches ORDER BY submitted_at LIMIT 1").fetchone()
        db.close()
        return bid

    @staticmethod
    def latest_review(ws):
        db = sqlite3.connect(os.path.join(ws, "gatehouse.sqlite"))
        row = db.execute("SELECT id FROM reviews ORDER BY created_at DESC LIMIT 1").fetchone()
        db.close()
        return row[0] if row else None


def step_plan(setup, step, ws, notices):
    """(stage to start from, the command to kill, the commands that restart and finish it)."""
    gh, b = setup.gh, setup.batch
    records = os.path.join(setup.data, "records.csv")
    if step == "import":
        return "empty", [gh, "records", "import", records, "--workspace", ws], [
            [gh, "records", "import", records, "--workspace", ws]]
    if step == "decide":
        return "imported", [gh, "batch", "submit", "--agreement", "crash", "--manifest",
                            os.path.join(setup.work, "manifest.yaml"), os.path.join(setup.data, "requests.csv"),
                            "--workspace", ws], [[gh, "batch", "resume", "--workspace", ws]]
    if step == "approve":
        return "approved-once", [gh, "batch", "approve", b, "--officer", "o.b", "--workspace", ws], [
            [gh, "batch", "approve", b, "--officer", "o.b", "--workspace", ws]]
    if step == "release":
        return "approved", [gh, "batch", "release", b, "--workspace", ws], [
            [gh, "batch", "release", b, "--workspace", ws]]
    if step == "ledger-append":
        # Many order versions in one go: each `order add` appends an entry and signs.
        script = " && ".join(f"'{gh}' order add '{setup.work}/order-{v}.yaml' --workspace '{ws}' >/dev/null"
                             for v in range(1, 40))
        return "decided", ["bash", "-c", script], [["bash", "-c", "true"]]
    if step == "checkpoint":
        return "released", [gh, "ledger", "checkpoint", "--new", "--workspace", ws], [
            [gh, "ledger", "checkpoint", "--new", "--workspace", ws]]
    if step == "review":
        return "released", [gh, "review", "--agreement", "crash", "--workspace", ws], [
            [gh, "review", "--agreement", "crash", "--workspace", ws]]
    if step == "disposal":
        return "reviewed", [gh, "disposal", "draft", setup.review_id, "--out", notices, "--workspace", ws], [
            [gh, "disposal", "draft", setup.review_id, "--out", notices, "--workspace", ws]]
    raise ValueError(step)


def invariants(setup, ws):
    """Every check, as a list of failures (empty: all held)."""
    failures = []
    gh = setup.gh
    verify = run(gh, "ledger", "verify", ws=ws)
    if verify.returncode != 0:
        failures.append("ledger verify: " + (verify.stdout + verify.stderr).strip().splitlines()[-1])
    audit = run(gh, "audit", ws=ws)
    if audit.returncode != 0:
        lines = (audit.stdout + audit.stderr).strip().splitlines()
        failures.append("audit: " + " | ".join(lines[-3:]))
    db = sqlite3.connect(os.path.join(ws, "gatehouse.sqlite"))
    q = lambda sql: db.execute(sql).fetchone()[0]
    if q("SELECT count(*) FROM batch_rows r WHERE (SELECT count(*) FROM decisions d WHERE d.batch_id = r.batch_id AND d.row_number = r.row_number) <> 1 AND r.batch_id IN (SELECT id FROM batches WHERE state NOT IN ('deciding','received'))"):
        failures.append("a row of a decided batch without exactly one decision")
    if q("SELECT count(*) FROM (SELECT batch_id, row_number FROM disclosures GROUP BY 1, 2 HAVING count(*) > 1)"):
        failures.append("a row with two disclosures")
    if q("SELECT count(*) FROM batches b WHERE state = 'released' AND (SELECT count(*) FROM disclosures x WHERE x.batch_id = b.id) <> b.row_count"):
        failures.append("a released batch without a disclosure for every row")
    if q("SELECT count(*) FROM batches b WHERE state IN ('deciding','received') AND (SELECT count(*) FROM batch_rows r WHERE r.batch_id = b.id) NOT IN (0, b.row_count)"):
        failures.append("a batch with part of its rows stored")
    db.close()
    return failures


def trial(setup, step, delay, index):
    ws = os.path.join(setup.work, f"trial-{index}")
    notices = os.path.join(setup.work, f"notices-{index}")
    shutil.rmtree(notices, ignore_errors=True)
    stage, command, restart = step_plan(setup, step, ws, notices)
    setup.copy(stage, ws)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    restarted = []
    for cmd in restart:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        restarted.append(r.returncode)
    failures = invariants(setup, ws)
    if step == "import" and not failures:
        import csv
        with open(os.path.join(setup.data, "records.csv"), newline="") as handle:
            rows = list(csv.DictReader(handle))
        people = {r["record_id"] for r in rows}
        addresses = {(r["record_id"], r["address_line1"], r["address_line2"], r["city"], r["state"], r["postcode"])
                     for r in rows}
        db = sqlite3.connect(os.path.join(ws, "gatehouse.sqlite"))
        stored = (db.execute("SELECT count(*) FROM records").fetchone()[0],
                  db.execute("SELECT count(*) FROM record_addresses").fetchone()[0])
        db.close()
        if stored != (len(people), len(addresses)):
            failures.append(f"after the import again: {stored} people and addresses, the file has {(len(people), len(addresses))}")
    if step == "decide" and not failures:
        db = sqlite3.connect(os.path.join(ws, "gatehouse.sqlite"))
        rows = db.execute("SELECT count(*) FROM batch_rows").fetchone()[0]
        decided = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
        db.close()
        if rows and rows != decided:
            failures.append(f"after resume {decided} of {rows} rows decided")
    shutil.rmtree(ws, ignore_errors=True)
    shutil.rmtree(notices, ignore_errors=True)
    return killed, restarted, failures


def durations(setup):
    """How long each step takes when not killed, to spread the kill points over it."""
    out = {}
    for step in STEPS:
        ws = os.path.join(setup.work, "timing")
        notices = os.path.join(setup.work, "timing-notices")
        shutil.rmtree(notices, ignore_errors=True)
        stage, command, _ = step_plan(setup, step, ws, notices)
        setup.copy(stage, ws)
        started = time.monotonic()
        subprocess.run(command, capture_output=True)
        out[step] = max(time.monotonic() - started, 0.05)
        shutil.rmtree(ws, ignore_errors=True)
    return out


def mounted(path, size):
    os.makedirs(path, exist_ok=True)
    subprocess.run(["umount", path], capture_output=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path], capture_output=True).returncode == 0


def environment_checks(setup):
    """A full disk and a read-only database: a message, an exit status, and a workspace that
    still verifies once it has room."""
    results = []
    gh = setup.gh
    small = os.path.join(setup.work, "small")
    if not mounted(small, "8m"):
        return [("full disk", "SKIPPED: cannot mount a tmpfs (not root?)", False)]
    try:
        ws = os.path.join(small, "ws")
        run(gh, "init", ws, check=True)
        records = os.path.join(small, "records.csv")
        with open(os.path.join(setup.data, "records.csv")) as source, open(records, "w") as out:
            for number, line in enumerate(source):
                if number > 1500:
                    break
                out.write(line)
        run(gh, "records", "import", records, ws=ws, check=True)
        run(gh, "agreement", "add", os.path.join(setup.work, "agreement.yaml"), ws=ws, check=True)
        os.remove(records)
        free = os.statvfs(small).f_bavail * os.statvfs(small).f_frsize
        subprocess.run(["fallocate", "-l", str(max(free - 400_000, 0)), os.path.join(small, "filler")], check=True)
        r = setup.submit(ws)
        message = (r.stderr.strip().splitlines() or ["(no message)"])[-1]
        said = any(w in r.stderr.lower() for w in ("full", "space", "disk"))
        os.remove(os.path.join(small, "filler"))
        # Room again: nothing half-written, and it resumes to the end.
        failures = invariants(setup, ws)
        resumed = run(gh, "batch", "resume", ws=ws)
        failures += invariants(setup, ws)
        results.append(("full disk (8 MB tmpfs, 400 KB left)",
                        f"exit {r.returncode}: {message}; then: {'; '.join(failures) or 'verify and audit clean, resume exit ' + str(resumed.returncode)}",
                        r.returncode != 0 and said and not failures and resumed.returncode == 0))
    finally:
        subprocess.run(["umount", small], capture_output=True)
    readonly = os.path.join(setup.work, "readonly")
    if not mounted(readonly, "256m"):
        return results + [("read-only database", "SKIPPED: cannot mount a tmpfs", False)]
    try:
        ws = os.path.join(readonly, "ws")
        shutil.copytree(setup.stages["approved"], ws)
        before = open(os.path.join(ws, "gatehouse.sqlite"), "rb").read()
        subprocess.run(["mount", "-o", "remount,ro", readonly], check=True)
        r = run(gh, "batch", "release", setup.batch, ws=ws)
        message = (r.stderr.strip().splitlines() or ["(no message)"])[-1]
        unchanged = open(os.path.join(ws, "gatehouse.sqlite"), "rb").read() == before
        results.append(("read-only database (tmpfs remounted ro)", f"exit {r.returncode}: {message}; file unchanged: {unchanged}",
                        r.returncode != 0 and unchanged))
    finally:
        subprocess.run(["umount", readonly], capture_output=True)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("gatehouse")
    parser.add_argument("work")
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"[crash] setting up in {args.work}", file=sys.stderr)
    setup = Setup(os.path.abspath(args.gatehouse), os.path.abspath(args.work))
    took = durations(setup)
    print("[crash] step durations: " + ", ".join(f"{s} {t:.2f} s" for s, t in took.items()), file=sys.stderr)
    matrix = {s: {"killed": 0, "finished first": 0, "held": 0, "failed": 0} for s in STEPS}
    failures_seen = []
    for index in range(args.trials):
        step = STEPS[index % len(STEPS)] if index < len(STEPS) else rng.choice(STEPS)
        delay = rng.uniform(0.0, took[step] * 1.1)
        killed, restarted, failures = trial(setup, step, delay, index)
        cell = matrix[step]
        cell["killed" if killed else "finished first"] += 1
        cell["failed" if failures else "held"] += 1
        if failures:
            failures_seen.append((index, step, delay, failures))
        print(f"[crash] {index + 1}/{args.trials} {step} at {delay:.3f} s: "
              f"{'killed' if killed else 'finished first'}, restart exit {restarted}, "
              f"{'FAILED ' + '; '.join(failures) if failures else 'held'}", file=sys.stderr)
    environments = environment_checks(setup)
    print("| step | trials | killed mid-step | finished before the kill | every check held | failed |")
    print("|---|---|---|---|---|---|")
    total = {"killed": 0, "finished first": 0, "held": 0, "failed": 0}
    for step in STEPS:
        c = matrix[step]
        print(f"| {step} | {c['killed'] + c['finished first']} | {c['killed']} | {c['finished first']} | {c['held']} | {c['failed']} |")
        for k in total:
            total[k] += c[k]
    print(f"| **all** | {total['killed'] + total['finished first']} | {total['killed']} | {total['finished first']} | {total['held']} | {total['failed']} |")
    print()
    print("| environment | what happened | held |")
    print("|---|---|---|")
    for name, text, ok in environments:
        print(f"| {name} | {text} | {'yes' if ok else 'NO'} |")
    for index, step, delay, failures in failures_seen:
        print(f"failure: trial {index} ({step} killed at {delay:.3f} s): {'; '.join(failures)}")
    ok = total["failed"] == 0 and all(ok for _, _, ok in environments)
    print(f"crash matrix: {total['held']} passed, {total['failed']} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
