"""The command line contract other tools depend on: stdin lines in, one JSON object per line out."""

import json
import os
import subprocess
import sys

import pytest

KEYS = {"label", "score", "stars", "aspects", "model", "version"}
ASPECTS = {"hygiene", "taste", "service", "price", "speed"}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "analytics.reviews", *args], input=stdin.encode("utf-8"),
                          capture_output=True, timeout=120, check=False)


def test_score_answers_every_line_in_order_with_error_lines_for_empty_ones() -> None:
    lines = ["菜很好吃，服务也热情，还会再来", "", "   ", "太难吃了，再也不来了", "送餐快，价格实惠"]
    done = run("score", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    assert out[1] == {"error": "empty"} and out[2] == {"error": "empty"}
    for result in (out[0], out[3], out[4]):
        assert set(result) == KEYS
        assert result["label"] in ("positive", "negative")
        assert 0.0 <= result["score"] <= 1.0 and result["stars"] in range(1, 6)
        assert set(result["aspects"]) == ASPECTS
        assert all(v is None or -1.0 <= v <= 1.0 for v in result["aspects"].values())
        assert (result["model"], result["version"]) == (out[0]["model"], out[0]["version"])
    assert [out[0]["label"], out[3]["label"]] == ["positive", "negative"]


def test_score_takes_a_last_line_without_newline_crlf_and_bad_bytes() -> None:
    done = subprocess.run([sys.executable, "-m", "analytics.reviews", "score"],
                          input="好吃\r\n".encode() + b"\xff\xfe bad\n" + "服务差".encode(),
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(out) == 3 and all("label" in result for result in out)


def test_score_of_nothing_prints_nothing() -> None:
    done = run("score", stdin="")
    assert (done.returncode, done.stdout) == (0, b"")


def test_score_with_standard_input_closed_prints_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "analytics.reviews", "score"], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=120, check=False, preexec_fn=lambda: os.close(0))
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


@pytest.mark.parametrize("predicted, labels, macro_f1", [
    ([1, 1, 1], [1, 1, 1], 1.0),  # one class only: it alone is averaged, as scikit-learn does
    ([1, 0, 1, 0], [1, 0, 0, 0], (2 / 3 + 0.8) / 2),
    ([0, 0], [1, 1], 0.0),
])
def test_macro_f1_averages_the_classes_that_occur(predicted, labels, macro_f1):
    from analytics.reviews.cli import metrics

    assert metrics(predicted, labels)["macro_f1"] == pytest.approx(macro_f1)


def test_evaluate_prints_accuracy_macro_f1_and_speed(tmp_path):
    path = tmp_path / "reviews.csv"
    rows = ["review,label", "味道很好，还会再来,1", "太难吃了，差评,0", "服务热情，好评,1"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = run("evaluate", "--csv", str(path), "--text-col", "review", "--label-col", "label")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert "accuracy: 1.0000" in text and "macro-F1: 1.0000" in text and "reviews/s:" in text


def test_evaluate_reads_spreadsheet_csvs(tmp_path):
    """A byte-order mark, GB 18030 (as Chinese spreadsheets save CSV), labels written as 1.0 / 0.0,
    spaces around column names, blank lines and one very long review."""
    rows = [" label , review ", "1.0,味道很好，还会再来", "", "0.0,太难吃了，差评", "1," + "好吃" * 100_000]
    for name, encoding in (("bom.csv", "utf-8-sig"), ("gbk.csv", "gb18030")):
        path = tmp_path / name
        path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
        done = run("evaluate", "--csv", str(path), "--text-col", "review", "--label-col", "label")
        assert done.returncode == 0, done.stderr
        assert "reviews: 3 " in done.stdout.decode("utf-8")


def test_evaluate_reads_tab_and_semicolon_separated_files(tmp_path):
    """ChnSentiCorp comes as TSV (`label<TAB>text_a`, quotes inside reviews are text); some
    spreadsheets separate with semicolons."""
    tsv = ["label\ttext_a", '1\t"招牌菜"味道很好，还会再来', "0\t太难吃了，差评, 再也不来"]
    semicolons = ["text;label", "味道很好，还会再来;1", "太难吃了，差评;0"]
    for name, rows, text_col in (("chn.tsv", tsv, "text_a"), ("semi.csv", semicolons, "text")):
        path = tmp_path / name
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        done = run("evaluate", "--csv", str(path), "--text-col", text_col, "--label-col", "label")
        assert done.returncode == 0, done.stderr
        assert "reviews: 2 " in done.stdout.decode("utf-8")


def test_score_drops_a_byte_order_mark() -> None:
    done = run("score", stdin="\ufeff好吃\n好吃\n")
    first, second = (json.loads(line) for line in done.stdout.decode("utf-8").splitlines())
    assert first == second


@pytest.mark.parametrize(("content", "message"), [
    ("text,label\n好吃,2\n", "label '2' is not 1 or 0"),
    ("words,label\n好吃,1\n", "no column review"),
    ("text,label\n好吃,yes\n", "bad.csv: line 2: label 'yes' is not 1 or 0"),
    ('text,label\n"好吃\n真的",1\n"难吃",maybe\n', "bad.csv: line 4: label 'maybe'"),  # the file's line
])
def test_evaluate_refuses_bad_csv_with_a_clear_reason(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    done = run("evaluate", "--csv", str(path), "--text-col", "review" if "words" in content else "text",
               "--label-col", "label")
    assert done.returncode != 0
    assert message in done.stderr.decode("utf-8")


def test_score_streams_thousands_of_lines_across_batches_in_order() -> None:
    lines = ["" if i % 7 == 0 else ("味道很好，好评" if i % 2 else "太难吃了，差评") for i in range(5000)]
    done = run("score", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    for i, result in enumerate(out):
        if i % 7 == 0:
            assert result == {"error": "empty"}
        else:
            assert result["label"] == ("positive" if i % 2 else "negative")


def test_an_unknown_model_is_refused_with_its_name() -> None:
    done = run("--model", "no-such-model", "score", stdin="好吃\n")
    assert done.returncode != 0 and done.stdout == b""
    assert "unknown review model 'no-such-model'" in done.stderr.decode("utf-8")


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path) -> None:
    """`score < big.txt | head -1`: the rest is not wanted; no traceback on stderr."""
    (tmp_path / "big.txt").write_text("好吃\n" * 20_000, encoding="utf-8")
    with (tmp_path / "big.txt").open("rb") as stdin:
        score = subprocess.Popen([sys.executable, "-m", "analytics.reviews", "score"], stdin=stdin,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert score.stdout is not None and score.stderr is not None
        assert json.loads(score.stdout.readline())["label"] == "positive"
        score.stdout.close()
        errors = score.stderr.read().decode()
        assert score.wait(timeout=120) == 141
    assert "Traceback" not in errors, errors


def test_lines_with_nothing_visible_are_empty() -> None:
    done = run("score", stdin="\u200b\n\ufeff\ufeff\n\x00\n好吃\n")
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert out[:3] == [{"error": "empty"}] * 3 and out[3]["label"] == "positive"


def test_label_and_stars_follow_the_score_as_printed() -> None:
    """Both came from the unrounded probability: 0.49996 printed as 0.5 with the label negative."""
    from analytics.reviews.scorer import Scorer

    class Exactly(Scorer):
        def __init__(self) -> None:
            self.name, self.version = "fixed", "0"

        def probabilities(self, texts, nets=None):  # noqa: ANN001, ANN202 - the scorer's own signature
            return [0.49996, 0.79996][:len(texts)]

    half, almost = Exactly().score(["一", "二"])
    assert (half["score"], half["label"], half["stars"]) == (0.5, "positive", 3)
    assert (almost["score"], almost["stars"]) == (0.8, 5)


def test_a_line_is_answered_before_the_next_arrives() -> None:
    """A program that writes one review and waits for its answer gets it (the output was flushed
    only every 2,048 lines or at the end)."""
    with subprocess.Popen([sys.executable, "-m", "analytics.reviews", "score"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE) as scoring:
        for text in ("好吃", "难吃"):
            scoring.stdin.write(f"{text}\n".encode())
            scoring.stdin.flush()
            assert set(json.loads(scoring.stdout.readline())) == KEYS  # would block for ever
        scoring.stdin.close()
        assert scoring.stdout.read() == b"" and scoring.wait(timeout=60) == 0


def test_evaluate_reads_a_utf8_file_with_a_gbk_row_and_labels_as_spreadsheets_write_them(tmp_path) -> None:
    path = tmp_path / "mixed.csv"
    rows = [b"text,label\n", "菜很好吃，还会再来,1.00\n".encode(), "太难吃了，再也不来了, 0\n".encode(),
            "送餐快，味道好,1\n".encode("gbk")]
    path.write_bytes(b"".join(rows))
    done = run("evaluate", "--csv", str(path), "--text-col", "text", "--label-col", "label")
    assert done.returncode == 0, done.stderr
    assert "reviews: 3" in done.stdout.decode() and "accuracy: 1.0000" in done.stdout.decode()
    assert "1 of 4 lines read as GB 18030" in done.stderr.decode()
