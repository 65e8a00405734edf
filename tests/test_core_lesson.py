"""Lesson files: the built-in ones, what a step's state is made of, saving and
reading back, and a hostile file's one-line message."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from quadreg_gui.core.config import ConfigError, TrainConfig
from quadreg_gui.core.files.datafile import read_table
from quadreg_gui.core.files.lesson import (
    BUILT_IN,
    Lesson,
    Step,
    Words,
    built_in_path,
    edited,
    read_lesson,
    write_lesson,
)
from quadreg_gui.core.i18n import LANGUAGES


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_lessons_are_whole_in_every_language(name):
    lesson = read_lesson(built_in_path(name))
    assert len(lesson.steps) >= 4
    for step in lesson.steps:
        for code in LANGUAGES:
            assert step.title(code) and step.text(code)
            assert dict(step.title.texts)[code] and dict(step.text.texts)[code]
            assert len(step.text(code)) <= 260  # read from the back row: short
        if step.question.texts:
            assert set(dict(step.question.texts)) == set(LANGUAGES)


def test_a_steps_settings_are_the_changes_from_the_step_before():
    lesson = read_lesson(built_in_path("article"))
    first, *_ = lesson.states
    assert first.config == TrainConfig() and first.table is None  # the article's, exactly
    by_title = {s.title("en"): state.config for s, state in zip(lesson.steps, lesson.states)}
    assert by_title["6. A learning rate too large"].lr == 0.02
    decay = by_title["8. Learning-rate decay"]
    assert (decay.lr, decay.schedule, decay.epochs) == (0.01, "step", 800)
    l2 = by_title["9. L2 regularization"]
    assert (l2.lr, l2.schedule, l2.l2, l2.optimizer) == (0.001, "constant", 0.01, "gd")


def test_a_lesson_saves_and_reads_back_identical(tmp_path):
    (tmp_path / "pts.csv").write_text("x,y\n1,2\n2,5\n3,10\n4,17\n")
    steps = [Step(Words.of(en="Article", zh_CN="文章"), Words.of(en="Look."), focus="data"),
             Step(Words.of(en="Cars"), data={"kind": "example", "name": "cars"},
                  settings={"lr": 0.05}, then="start", panes=("data", "loss"), until=40,
                  pin=True),
             Step(Words.of(en="Mine"), data={"kind": "file", "path": "pts.csv"},
                  settings={"model": "quadratic"}, then="race", racers=("gd", "adam"))]
    lesson = Lesson(Words.of(en="Mixed", zh_CN="混合"), (), (), str(tmp_path / "x.json"))
    lesson = edited(lesson, steps)
    assert lesson.states[1].table.sha256 == read_table("example:cars").sha256
    assert lesson.states[2].config.data == str(tmp_path / "pts.csv")
    path = tmp_path / "saved.quadreg-lesson.json"
    write_lesson(path, lesson)
    again = read_lesson(path)
    assert again.title == lesson.title
    assert [s.config for s in again.states] == [s.config for s in lesson.states]
    assert [s.table and (s.table.sha256, s.table.x.tolist()) for s in again.states] == \
        [s.table and (s.table.sha256, s.table.x.tolist()) for s in lesson.states]
    # Every step as it was, its data apart (saved whole, compared above).
    assert [replace(s, data=None) for s in again.steps] == \
        [replace(s, data=None) for s in lesson.steps]
    assert json.loads(path.read_text())["steps"][2]["data"]["kind"] == "inline"


HEAD = '{"format": "quadreg-lesson", "version": 1, "title": {"en": "T"}, '
STEP = '{"title": {"en": "S"}'
HOSTILE = {
    '{"format": "quadreg-experiment", "version": 1}':
        'not a QuadReg lesson (expected "format": "quadreg-lesson")',
    '{"format": "quadreg-lesson", "version": 2}':
        "lesson format version 2; this QuadReg reads version 1",
    '{"format": "quadreg-lesson", "version": true}':
        "lesson format version true; this QuadReg reads version 1",
    HEAD + '"steps": []}': 'expected "steps", a list of 1 to 200 steps',
    HEAD + '"steps": [' + STEP + '}], "x": 1}':
        'unknown key "x"; the keys are format, steps, title, version',
    '{"format": "quadreg-lesson", "version": 1, "title": "T", "steps": [' + STEP + '}]}':
        '"title" must be {"en": text, "zh_CN": text} (English required, at most 2,000 '
        'characters each)',
    HEAD + '"steps": [7]}': "step 1: expected a JSON object",
    HEAD + '"steps": [{"title": {"zh_CN": "标题"}}]}':
        'step 1: "title" must be {"en": text, "zh_CN": text} (English required, at most '
        '2,000 characters each)',
    HEAD + '"steps": [' + STEP + ', "title2": 1}]}':
        'step 1: unknown key "title2"; the keys are data, focus, panes, pin, question, '
        'racers, settings, text, then, title, until',
    HEAD + '"steps": [' + STEP + ', "focus": "plot"}]}':
        'step 1: "focus" must be one of "", "data", "loss", "landscape", "log", "step"; got '
        '"plot"',
    HEAD + '"steps": [' + STEP + ', "then": true}]}':
        'step 1: "then" must be one of "", "start", "race"; got true',
    HEAD + '"steps": [' + STEP + ', "panes": ["data", "data"]}]}':
        'step 1: "panes" must be a list of data, loss, landscape, log',
    HEAD + '"steps": [' + STEP + '}, ' + STEP + ', "settings": {"lr": -1}}]}':
        "step 2: lr must be a number in (0, 1e6]; got -1.0",
    HEAD + '"steps": [' + STEP + ', "settings": {"speed": 1}}]}':
        "step 1: speed is not a setting (did you mean seed?)",
    HEAD + '"steps": [' + STEP + ', "settings": {"data": "x.csv"}}]}':
        'step 1: the data goes in "data" (e.g. {"kind": "example", "name": "cars"}), not in '
        'the settings',
    HEAD + '"steps": [' + STEP + ', "racers": ["gd", 3]}]}':
        'step 1: "racers" must be a list of at most 6 racers such as "momentum" or "gd:lr=0.1"',
    HEAD + '"steps": [' + STEP + ', "until": 5}]}':
        'step 1: "until" needs "then": "start" or "race"',
    HEAD + '"steps": [' + STEP + ', "then": "start", "until": 2.5}]}':
        'step 1: "until" must be a whole number of epochs, 1 or more; got 2.5',
    HEAD + '"steps": [' + STEP + ', "then": "start", "until": 801}]}':
        'step 1: "until" must be at most the step\'s epochs (800); got 801',
    HEAD + '"steps": [' + STEP + ', "then": "race", "pin": true}]}':
        'step 1: "pin" must be true or false, and true only with "then": "start"; got true',
    HEAD + '"steps": [' + STEP + ', "then": "start", "pin": 1}]}':
        'step 1: "pin" must be true or false, and true only with "then": "start"; got 1',
    HEAD + '"steps": [' + STEP + ', "data": {"kind": "disk"}}]}':
        "step 1: data kind 'disk'; expected article, example, inline or file",
}


@pytest.mark.parametrize("text", sorted(HOSTILE))
def test_a_hostile_lesson_gets_its_one_line_message(tmp_path, text):
    path = tmp_path / "bad.quadreg-lesson.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_lesson(path)
    message = str(info.value)
    assert message.startswith(f"{path}") and "\n" not in message
    assert message.endswith(HOSTILE[text]), message


def test_syntax_errors_and_limits_are_named_with_line_and_column(tmp_path):
    path = tmp_path / "bad.quadreg-lesson.json"
    path.write_text('{"format": "quadreg-lesson",\n "version": 1,,\n}')
    with pytest.raises(ConfigError, match=r"bad.quadreg-lesson.json:2:15: "):
        read_lesson(path)
    path.write_text('{"pad": "' + "x" * (1 << 20) + '"}')
    with pytest.raises(ConfigError, match=r"larger than 1 MiB; not a lesson file"):
        read_lesson(path)
    path.write_text("[" * 50 + "]" * 50)
    with pytest.raises(ConfigError, match="nest"):
        read_lesson(path)


def test_the_readmes_lesson_example_reads_as_it_says(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("A lesson file is JSON"):].split("```json\n", 1)[1]
    path = tmp_path / "example.quadreg-lesson.json"
    path.write_text(block.split("```", 1)[0], encoding="utf-8")
    lesson = read_lesson(path)
    first, second, third = lesson.steps
    assert (first.then, first.until, first.pin) == ("start", 100, True)
    assert [s.config.lr for s in lesson.states] == [0.001, 0.01, 0.01]
    assert lesson.states[2].table.name and third.racers == ("gd", "momentum")
