"""`hearth enroll` from the microphone: a real PulseAudio loopback carries each
sentence, read by espeak-ng when Hearth shows it, to a `hearth enroll` process."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from assistant.config import Settings
from assistant.speech.adaptation import adaptation_for, load_prompts
from assistant.speech.enrollment import enrollment_sentences

PROMPT = re.compile(r"^\s*(\d+)/(\d+)\s+\"(.+)\"$")


def test_enroll_reads_each_sentence_from_the_microphone(
    pulse: dict[str, str], espeak, hearth_process, tmp_path: Path
) -> None:
    db = tmp_path / "hearth.db"
    env = {**pulse, "HEARTH_CACHE_DIR": str(tmp_path / "cache")}
    run = hearth_process("enroll", "--sentences", "4", "--db", str(db), env=env)
    expected = enrollment_sentences(load_prompts(), "hey hearth")[:4]
    shown: list[str] = []
    mark = 0
    while True:
        line = run.wait_for(lambda s: bool(PROMPT.match(s)) or "Thank you" in s, after=mark)
        mark = run.lines.index(next(item for item in run.lines[mark:] if item[1] == line)) + 1
        if "Thank you" in line:
            break
        match = PROMPT.match(line)
        assert match is not None
        number, total, sentence = int(match[1]), int(match[2]), match[3]
        assert total == 4 and sentence == expected[number - 1], line
        shown.append(sentence)
        assert len(shown) <= 12, f"asked too often:\n{run.text()}"  # 3 tries a sentence
        subprocess.run(
            ["paplay", "--device=loop", str(espeak(sentence))], env=env, check=True, timeout=60
        )
    assert run.proc.wait(timeout=60) == 0, run.text()
    assert sorted(set(shown)) == sorted(expected)
    assert "4 of 4 sentences used" in line, run.text()
    household = adaptation_for(Settings(db_path=db))
    assert household.usable_transform() == household.transform
    assert len(household.sessions()) == 1
