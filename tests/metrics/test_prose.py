import pytest

from gxcrawl.metrics.prose import read_prose


def figures(*paragraphs: str) -> dict:
    return {found.key: found.value.typed() for found in read_prose(list(paragraphs))}


def test_a_sentence_gives_its_figure_with_the_sentence_as_provenance():
    [found] = read_prose(["2019年,我局主动公开政府信息627条。中国如东网站平台全年共发布部门动态信息497条。"])
    assert (found.key, found.value.typed()) == ("proactive.total", 627)
    assert found.provenance == {"origin": "prose", "label": "主动公开政府信息627条", "raw": "2019年,我局主动公开政府信息627条。"}


def test_an_approximate_figure_is_flagged():
    [cumulative, total] = read_prose(["我局到2013年底累计主动公开政府信息9370余条，其中，本年度新增的主动公开政府信息1450余条。"])
    assert (cumulative.key, cumulative.value.typed(), cumulative.provenance["approximate"]) == ("proactive.cumulative", 9370, True)
    assert (total.key, total.value.typed(), total.provenance["approximate"]) == ("proactive.total", 1450, True)


def test_a_scaled_figure_is_multiplied_out():
    assert figures("本局2013年度政府信息公开专栏访问量约为36万人次，其中按点击率排序。") == {"website.visits": 360000}


def test_applications_received_in_several_wordings():
    assert figures("共受理信息公开申请1件") == {"applications.new.total": 1}
    assert figures("共收到依申请公开来信51件,都按照规定进行了办理答复。") == {"applications.new.total": 51}


def test_a_sentence_of_several_figures_gives_each():
    assert figures("共接受市民咨询371次,其中咨询电话接听159次,当面咨询接待192次,网上咨询20次。") == {
        "consultations.total": 371, "consultations.online": 20, "consultations.in_person": 192, "consultations.phone": 159}


def test_review_and_litigation_counts():
    assert figures("发生针对本单位有关政府信息公开事务的行政复议案0件、行政诉讼0件。") == {"review.total": 0, "litigation.total": 0}


def test_a_none_happened_sentence_is_zero():
    assert figures("我局未接到信息公开申请。", "本局未发生针对本部门有关政府信息公开事务的行政复议案、行政诉讼案。",
                   "我局未收取任何信息公开相关收费。") == {
        "applications.new.total": 0, "review.total": 0, "litigation.total": 0, "fees.collected": 0.0}


def test_a_figure_beats_a_none_sentence():
    assert figures("上半年未收到信息公开申请。", "全年共收到政府信息公开申请3件。") == {"applications.new.total": 3}


def test_the_first_sentence_that_states_a_figure_wins():
    assert figures("主动公开政府信息480条。", "另有主动公开信息20条。") == {"proactive.total": 480}


def test_numbers_without_a_pattern_are_not_metrics():
    assert figures("全年累计发送图文视频信息472条,被阅读143000余人次。") == {}


@pytest.mark.parametrize("sentence, key, value", [
    ("全年主动发布政务信息132件。", "proactive.total", 132),
    ("本年度主动公开发布政府信息88条。", "proactive.total", 88),
    ("共收到政府信息公开申请6次，均按时答复。", "applications.new.total", 6),
    ("收到政府信息依申请公开3件。", "applications.new.total", 3),
    ("全年收到依申请公开14件，结转上年2件，结转下年度继续办理1件。", "applications.carried_in.total", 2),
    ("全年收到依申请公开14件，结转上年2件，结转下年度继续办理1件。", "applications.carried_out.total", 1),
    ("其中当面申请4件、网上申请9件、信函申请1件。", "applications.channel.in_person", 4),
    ("其中当面申请4件、网上申请9件、邮寄申请1件。", "applications.channel.letter", 1),
    ("本年制发行政规范性文件5件。", "proactive.normative_docs.new", 5),
    ("因政府信息公开被申请行政复议、行政诉讼0件。", "review.total", 0),
    ("因政府信息公开被申请行政复议、行政诉讼0件。", "litigation.total", 0),
    ("本年度无因政府信息公开引起的行政复议、行政诉讼。", "review.total", 0),
    ("全年未收到有关政府信息公开的行政复议、行政诉讼。", "litigation.total", 0),
    ("未出现申请行政复议、提起行政诉讼的情况。", "review.total", 0),
])
def test_common_wordings_of_the_main_figures(sentence, key, value):
    assert figures(sentence)[key] == value
