"""`python -m backend users …`: the first administrator of a new installation, and rescuing
accounts, with passwords from a prompt or one line of standard input, never an argument."""

import io

import pytest

from backend import cli
from backend.users import service
from tests import factories

NEW = "a-long-new-password"


@pytest.fixture(autouse=True)
def _kept_database(db, monkeypatch):
    monkeypatch.setattr("backend.database.close", lambda: None)  # the test session owns it


def _run(monkeypatch, capsys, args, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as stopped:
        cli.main(["users", *args])
    said = capsys.readouterr()
    return stopped.value.code, said.out, said.err


def _signs_in(db, username, password):
    try:
        service.authenticate(db, username=username, password=password)
    except Exception:  # noqa: BLE001 - refused, whichever way
        return False
    return True


def test_the_first_administrator_is_created_from_a_piped_password(db, monkeypatch, capsys):
    code, out, _err = _run(monkeypatch, capsys, ["create", "--role", "admin", "--username", "chief"],
                           NEW + "\n")
    assert (code, out.strip()) == (0, "created admin account chief")
    assert _signs_in(db, "chief", NEW)
    entry = db.audit.find_one({"target": "user:chief"})
    assert (entry["action"], entry["actor"]) == ("user.create", "command-line")
    assert NEW not in str(entry) and "password_hash" not in str(entry)


def test_officer_and_enterprise_accounts_are_bound(db, monkeypatch, capsys):
    officer_id, code = factories.officer(db), factories.business(db)
    assert _run(monkeypatch, capsys, ["create", "--role", "officer", "--username", "li.officer",
                                      "--officer-id", officer_id], NEW)[0] == 0
    assert _run(monkeypatch, capsys, ["create", "--role", "enterprise", "--username", "the.shop",
                                      "--business-code", code.lower()], NEW)[0] == 0
    assert service.actor_for(db, username="li.officer").officer_id == officer_id
    assert service.actor_for(db, username="the.shop").business_code == code


@pytest.mark.parametrize(("args", "stdin", "said"), [
    (["create", "--role", "admin", "--username", "chief"], NEW, "The user name chief is taken."),
    (["create", "--role", "enterprise", "--username", "shop9", "--business-code",
      factories.valid_code(9_999_999)], NEW, "No business is registered under credit code"),
    (["create", "--role", "enterprise", "--username", "shop9"], NEW, "must be bound to one business"),
    (["create", "--role", "officer", "--username", "off9", "--officer-id", "OF-NONE"], NEW,
     "There is no officer OF-NONE."),
    (["create", "--role", "admin", "--username", "short"], "abc", "password: Must be at least 8"),
    (["create", "--role", "admin", "--username", "samename"], "SameName", "must not be the user name"),
    (["create", "--role", "admin", "--username", "nopass"], "", "no password on standard input"),
    (["create", "--role", "admin", "--username", "no space"], NEW, "letters (a-z, A-Z), digits and . _ -"),
    (["create", "--role", "admin", "--username", "张三"], NEW, "letters (a-z, A-Z), digits and . _ -"),
    (["create", "--role", "admin", "--username", "CHIEF"], NEW, "The user name CHIEF is taken."),
    (["create", "--role", "admin", "--username", "Command-Line"], NEW, "Command-Line is reserved"),
    (["create", "--role", "admin", "--username", "odd.name", "--display-name", "a\x01b"], NEW,
     "display name may not contain control"),
    (["create", "--role", "admin", "--username", "odd.pass"], "good\x01pass123", "password may not contain"),
    (["password", "ghost"], NEW, "There is no account ghost."),
    (["disable", "ghost"], "", "There is no account ghost."),
])
def test_bad_input_is_one_line_and_status_2(db, monkeypatch, capsys, args, stdin, said):
    _run(monkeypatch, capsys, ["create", "--role", "admin", "--username", "chief"], NEW)
    code, out, err = _run(monkeypatch, capsys, args, stdin)
    assert code == 2 and said in err and out == "", err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_password_is_never_an_argument(monkeypatch, capsys):
    code, _out, err = _run(monkeypatch, capsys, ["create", "--role", "admin", "--username", "x1",
                                                 "--password", NEW])
    assert code == 2 and "unrecognized arguments" in err


def test_a_new_password_replaces_the_old_and_ends_sign_ins(db, monkeypatch, capsys):
    username = factories.user(db, role=factories.Role.ADMIN)
    session = service.open_session(db, username=username, max_age_s=600)
    code, out, _ = _run(monkeypatch, capsys, ["password", username], NEW + "\r\n")
    assert code == 0 and "new password set" in out
    assert _signs_in(db, username, NEW) and not _signs_in(db, username, factories.PASSWORD)
    assert service.actor_for_session(db, session) is None
    assert db.audit.find_one({"target": f"user:{username}", "action": "user.password_set"})["actor"] == \
        "command-line"


def test_a_terminal_asks_twice_without_echo(db, monkeypatch, capsys):
    username = factories.user(db, role=factories.Role.CONSUMER)
    typed = iter([NEW, "something-else"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    with pytest.raises(SystemExit) as stopped:
        cli.main(["users", "password", username])
    assert stopped.value.code == 2 and "the two passwords differ" in capsys.readouterr().err
    assert _signs_in(db, username, factories.PASSWORD)


def test_disable_and_enable(db, monkeypatch, capsys):
    username = factories.user(db, role=factories.Role.CONSUMER)
    assert _run(monkeypatch, capsys, ["disable", username])[0] == 0
    assert not _signs_in(db, username, factories.PASSWORD)
    code, out, _ = _run(monkeypatch, capsys, ["list"])
    assert code == 0 and any(line.split()[:1] == [username] and line.endswith("disabled")
                             for line in out.splitlines())
    assert _run(monkeypatch, capsys, ["enable", username])[0] == 0
    assert _signs_in(db, username, factories.PASSWORD)
    actions = [row["action"] for row in db.audit.find({"target": f"user:{username}"}).sort("seq", 1)]
    assert actions[-2:] == ["user.update", "user.update"]


def test_list_by_role_shows_bindings(db, monkeypatch, capsys):
    code = factories.business(db)
    shop = factories.user(db, role=factories.Role.ENTERPRISE, business_code=code)
    status, out, _ = _run(monkeypatch, capsys, ["list", "--role", "enterprise"])
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["username", "role", "bound", "to", "status"]
    assert f"{shop}" in out and code in out and "admin " not in out


def test_the_name_and_binding_are_refused_before_the_password_is_asked(db, monkeypatch, capsys):
    asked = []
    monkeypatch.setattr("backend.users.command.read_password", lambda username: asked.append(username))
    _run(monkeypatch, capsys, ["create", "--role", "admin", "--username", "chief"], NEW)
    for args in (["--role", "admin", "--username", "Chief"],
                 ["--role", "officer", "--username", "new.one", "--officer-id", "OF-NONE"],
                 ["--role", "admin", "--username", "new.two", "--business-code", "x"]):
        assert _run(monkeypatch, capsys, ["create", *args])[0] == 2
    assert asked == []
