"""`python -m backend.random_draw verify <plan-id> [--register FILE --plan FILE]`: re-run a draw.

Without files it reads the plan and its register from this installation's database. With files
(the JSON of GET /api/v1/random-draws/<id> and /register) it needs no database at all."""

import argparse
import json
from pathlib import Path

from backend.random_draw import service


def _files(plan_file: Path, register_file: Path) -> tuple[dict, dict]:
    try:
        plan = json.loads(plan_file.read_text(encoding="utf-8"))
        register = json.loads(register_file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise SystemExit(f"not the JSON the API publishes: {exc}") from None
    if not isinstance(plan, dict) or not isinstance(register, dict) or "seed" not in plan:
        raise SystemExit(f"{plan_file} is not a plan (GET /api/v1/random-draws/<id>) or {register_file} "
                         "not its register (…/register)")
    return plan, register


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.random_draw", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="re-hash the register and re-run the draw")
    verify.add_argument("plan_id")
    verify.add_argument("--plan", type=Path, help="the plan's published JSON")
    verify.add_argument("--register", type=Path, help="the register's published JSON")
    args = parser.parse_args(argv)
    if bool(args.plan) != bool(args.register):
        parser.error("--plan and --register go together")
    if args.plan:
        plan, snapshot = _files(args.plan, args.register)
        if plan.get("id", args.plan_id) != args.plan_id:  # a match would be another plan's
            raise SystemExit(f"{args.plan} is plan {plan.get('id')}, not {args.plan_id}")
        result = service.verify(plan | {"_id": args.plan_id}, snapshot)
    else:
        from backend import database

        try:
            result = service.verify_stored(database.get_db(), plan_id=args.plan_id)
        finally:
            database.close()
    outcome = {True: "matches", False: "DOES NOT MATCH", None: "not drawn yet"}
    print(f"plan {result.plan_id}: register hash {outcome[result.register_hash_matches]}; "
          f"result {outcome[result.result_matches]}")
    print({True: "MATCH", False: "MISMATCH", None: "NOT DRAWN YET"}[result.match])
    return 0 if result.match else 1


if __name__ == "__main__":
    from backend.cli import run

    run(main)
