"""Aligning figures and causal claims across documents: measures, groups, labels and what never groups."""

from __future__ import annotations

from dataclasses import replace

from newsprism.link.claims import ClaimItem, group_claims, item_of
from newsprism.link.figures import FigureItem, align_figures, content_words, measure_of
from newsprism.records import Claim, Figure, Span


def fig(doc, fid, value, measure, *, bound="exact", words="", about=(), scope=(), date="", context=(), high=None):
    return FigureItem(
        doc, fid, value, high, bound, measure, content_words(words), frozenset(about), tuple(scope), date,
        frozenset(context),
    )


def by_record(members):
    return {(m.document, m.record): m for m in members}


def test_measure_comes_from_the_words_around_and_the_unit():
    deaths = Figure("d", "f1", 40, 61, "some 35,000 Mexicans", 35000.0, "person", "people", bound="approx")
    assert measure_of(deaths, around="and the deaths of ") == "deaths"
    homicides = Figure("d", "f2", 0, 24, "more than 250,000 homicides", 250000.0, "homicide", "deaths", bound="lower")
    assert measure_of(homicides) == "deaths"
    money = Figure("d", "f3", 0, 12, "$1.4 billion", 1.4e9, "USD", "currency")
    assert measure_of(money) == "money:USD"
    pesos = Figure("d", "f4", 0, 12, "2 billion pesos", 2e9, "MXN", "currency")
    assert measure_of(pesos) == "money:MXN"  # never compared with dollars
    share = Figure("d", "f5", 0, 10, "60 percent", 60.0, "percent", "percent")
    assert measure_of(share) == "share"


def test_agree_within_qualifiers_and_differ_by_report_date():
    items = [
        fig("a", "f1", 1.4e9, "money:USD", bound="lower", about={"e-aid"}, date="2011-02-10"),
        fig("b", "f7", 1.6e9, "money:USD", about={"e-aid"}, date="2009-03-27"),
        fig("c", "f2", 35000, "deaths", bound="approx", words="Mexicans", date="2011-02-10", context={"e-mx"},
            scope=("2006-12",)),
        fig("d", "f3", 250000, "deaths", bound="lower", words="homicides", date="2019-11-07", context={"e-mx"}),
    ]
    members = by_record(align_figures(items))
    money = [members[("a", "f1")], members[("b", "f7")]]
    assert {m.status for m in money} == {"agree"}  # "over $1.4 billion" is compatible with $1.6 billion
    assert members[("b", "f7")].data["rank"] == 1  # ordered by report date
    deaths = [members[("c", "f2")], members[("d", "f3")]]
    assert deaths[0].group == deaths[1].group and deaths[0].group != members[("a", "f1")].group
    assert {m.status for m in deaths} == {"differ"}
    assert "reported 2011-02-10 and 2019-11-07" in deaths[0].data["reason"]
    assert deaths[1].data["interval"] == [250000, None]


def test_conflict_when_same_time_and_scope():
    items = [
        fig("a", "f1", 120, "troops", words="soldiers at the border", date="2019-11-06"),
        fig("b", "f1", 400, "troops", words="soldiers at the border", date="2019-11-06"),
    ]
    assert {m.status for m in align_figures(items)} == {"conflict"}


def test_two_figures_of_one_document_never_share_a_group():
    # "$310 million for the navy, part of the $1.6 billion initiative": two things, even through a chain
    items = [
        fig("a", "f1", 3.1e8, "money:USD", words="for the navy", about={"e-init", "e-navy"}, date="2009-03-27"),
        fig("a", "f2", 1.6e9, "money:USD", about={"e-init"}, date="2009-03-27"),
        fig("b", "f1", 1.4e9, "money:USD", bound="lower", about={"e-init"}, date="2011-02-10"),
    ]
    members = by_record(align_figures(items))
    assert members[("b", "f1")].group == members[("a", "f2")].group  # the closer amount wins the tie
    assert ("a", "f1") not in members
    assert all(len({d for d in m.data["order"]}) == m.data["members"] for m in members.values())


def test_unrelated_figures_stay_single():
    items = [
        fig("a", "f1", 60, "share", words="of the weapons", date="2011-02-10"),
        fig("b", "f1", 30, "share", words="of voters", date="2019-11-06"),
        fig("c", "f1", 5000, "troops", words="soldiers", context={"e-cl"}),
        fig("d", "f1", 9000, "troops", words="police", context={"e-mx"}),
    ]
    assert align_figures(items) == []


def test_claims_with_the_same_cause_and_effect_group():
    def claim(doc, cid, cause, effect, polarity="cause"):
        text = f"{cause} fuels {effect}"
        return item_of(
            doc,
            Claim(doc, cid, 0, len(text), text, cause=Span(0, len(cause), cause),
                  effect=Span(len(text) - len(effect), len(text), effect), polarity=polarity),
        )

    items = [
        claim("a", "c1", "the militarisation of the drug war", "the killings"),
        claim("b", "c4", "militarisation of the drug war", "killings in Mexico"),
        claim("c", "c1", "the militarisation of the drug war", "the killings", polarity="prevent"),
        claim("d", "c1", "poverty", "the killings"),
    ]
    members = group_claims(items)
    assert {(m.document, m.record) for m in members} == {("a", "c1"), ("b", "c4")}
    assert len({m.group for m in members}) == 1
    assert group_claims([ClaimItem("a", "c1", frozenset({"x"}), frozenset({"y"}))]) == []


def test_open_bounds_far_apart_do_not_agree():
    items = [
        fig("a", "f1", 15000, "deaths", bound="lower", words="people killed", date="2011-02-10", scope=("2010",)),
        fig("b", "f1", 100000, "deaths", bound="lower", words="people killed", date="2019-11-07"),
    ]
    assert {m.status for m in align_figures(items)} == {"differ"}


def test_a_group_never_spans_more_than_tenfold():
    # linked by a shared entity or counted words, "10 people" and "224 people" are still two counts
    items = [
        fig("a", "f1", 10, "deaths", words="people killed", about={"e-blast"}, date="1998-08-21"),
        fig("b", "f1", 224, "deaths", words="people killed", about={"e-blast"}, date="1999-10-08"),
        fig("c", "f1", 259, "deaths", words="people killed", about={"e-blast"}, date="1998-09-30"),
    ]
    groups = {m.document: m.group for m in align_figures(items)}
    assert groups["b"] == groups["c"] and "a" not in groups
    rewards = [fig("a", "f2", 5e4, "money:USD", words="reward"), fig("b", "f2", 5e6, "money:USD", words="reward")]
    assert align_figures(rewards) == []


def test_a_part_of_a_total_links_only_with_a_count_of_the_same_part():
    places = {"e-nairobi", "e-dar"}
    part = replace(fig("a", "f2", 12, "deaths", words="Americans", date="1998-08-13", context=places), part=True)
    whole = fig("b", "f1", 12, "deaths", bound="lower", words="people", date="1998-08-07", context=places)
    same = fig("c", "f3", 11, "deaths", words="Americans", date="1998-08-08", context=places)
    groups = {m.document: m.group for m in align_figures([part, whole, same])}
    assert groups["a"] == groups["c"] and "b" not in groups  # "dozens of people" is no count of Americans
    # not given as a part, a count of Americans may be the whole toll a vaguer count gives
    assert len({m.group for m in align_figures([replace(part, part=False), whole])}) == 1


def test_the_unit_decides_before_nearby_words():
    # "the deployment of more than 50,000 troops and the deaths of some 35,000 Mexicans"
    deaths = Figure("d", "f1", 0, 11, "some 35,000", 35000.0, "death", "deaths", bound="approx",
                    counted=Span(12, 20, "Mexicans"))
    assert measure_of(deaths, around="the deployment of more than 50,000 troops and the deaths of ") == "deaths"
    money = Figure("d", "f2", 0, 17, "over $1.4 billion", 1.4e9, "USD", "currency",
                   counted=Span(21, 53, "Mexico's armed forces and police"))
    assert measure_of(money, around="the US has allocated ") == "money:USD"
    share = Figure("d", "f3", 0, 10, "60 percent", 60.0, "percent", "percent")
    assert measure_of(share, around="More than 15,000 were killed in 2010 alone, a ") == "share"
    people = Figure("d", "f4", 0, 15, "some 9,000", 9000.0, "person", "people", counted=Span(16, 22, "people"))
    assert measure_of(people, around="the fighting killed ") == "deaths"


def test_a_shared_country_alone_does_not_join_figures_of_different_magnitude():
    items = [
        fig("a", "f1", 9, "deaths", words="citizens", date="2019-11-07", context={"e-mx"}),
        fig("b", "f1", 15000, "deaths", bound="lower", date="2011-02-10", context={"e-mx"}),
    ]
    assert align_figures(items) == []


def test_measure_from_the_words_right_after_the_figure():
    wounded = Figure("d", "f1", 0, 2, "14", 14.0, None, None)
    assert measure_of(wounded, around="nine guards were killed and ", after=" wounded, the ministry said") == "wounded"
    treated = Figure("d", "f2", 0, 12, "more than 20", 20.0, "person", "people", bound="lower",
                     counted=Span(13, 19, "people"))
    assert measure_of(treated, after=" people were being treated for wounds") == "wounded"
    # the words after stop at a conjunction or a number: "nine were killed and 14 wounded"
    killed = Figure("d", "f3", 0, 4, "nine", 9.0, None, None)
    assert measure_of(killed, after=" were killed and 14 wounded") == "deaths"


STORY = {"e-town", "e-bridge", "e-region", "e-country"}


def test_a_toll_links_on_shared_places_unless_the_counts_name_different_things():
    civilians = fig("b", "f1", 3, "deaths", words="civilians", context=STORY)
    guards = fig("c", "f1", 9, "deaths", words="border guards killed", context=STORY)
    assert align_figures([civilians, guards]) == []  # two counts, not two readings of one
    toll = fig("a", "f1", 12, "deaths", bound="lower", words="people", context=STORY)
    members = by_record(align_figures([toll, guards]))
    assert members[("a", "f1")].group == members[("c", "f1")].group  # the toll the nine are part of
    # and a generic "13 people" does not chain the civilians to the guards
    members = by_record(align_figures([fig("a", "f1", 13, "deaths", words="people", context=STORY), civilians, guards]))
    groups = {k: m.group for k, m in members.items()}
    assert groups.get(("b", "f1")) is None or groups.get(("b", "f1")) != groups.get(("c", "f1"))
    assert len(members) == 2


def test_a_toll_of_another_story_from_the_same_country_stays_apart():
    items = [
        fig("a", "f1", 37, "wounded", words="injured people", context={"e-country", "e-city", "e-province"}),
        fig("b", "f1", 150, "wounded", words="people", context={"e-country", "e-capital", "e-town", "e-school",
                                                                 "e-district", "e-other"}),
    ]
    assert align_figures(items) == []


def test_close_values_win_a_link_made_by_the_places_alone():
    # one document gives two tolls (4 and 13): the other's "at least 12" pairs with the 13
    items = [
        fig("a", "f1", 12, "deaths", bound="lower", context=STORY),
        fig("b", "f1", 4, "deaths", context=STORY),
        fig("b", "f2", 13, "deaths", context=STORY),
    ]
    members = by_record(align_figures(items))
    assert members[("a", "f1")].group == members[("b", "f2")].group
    assert ("b", "f1") not in members
    assert members[("a", "f1")].status == "agree"


def test_a_plain_count_needs_a_common_subject_beyond_its_noun():
    items = [
        fig("a", "f1", 2, "count:country", words="countries", context={"e-x"}),
        fig("b", "f1", 3, "count:country", words="countries", context={"e-y"}),
    ]
    assert align_figures(items) == []
    same_story = [replace(it, context=frozenset(STORY)) for it in items]
    assert len(align_figures(same_story)) == 2


def test_tolls_placed_in_different_countries_stay_apart():
    places = {"e-nairobi", "e-dar", "e-kenya", "e-tanzania"}
    kenya = replace(fig("a", "f1", 247, "deaths", words="people", date="1998-08-20", context=places),
                    where=frozenset({"KE"}))
    tanzania = replace(fig("b", "f1", 240, "deaths", words="people", date="1998-08-20", context=places),
                       where=frozenset({"TZ"}))
    both = replace(fig("c", "f1", 245, "deaths", words="people", date="1998-08-21", context=places),
                   where=frozenset({"KE", "TZ"}))
    groups = {(m.document, m.group) for m in align_figures([kenya, tanzania, both])}
    by_group: dict[str, set[str]] = {}
    for doc, group in groups:
        by_group.setdefault(group, set()).add(doc)
    assert not any(len(docs) > 1 for docs in by_group.values())  # Kenya's and Tanzania's never link, and
    # the toll of both countries is a whole that one country's part does not count
    unplaced = [replace(x, where=frozenset()) for x in (kenya, tanzania)]
    assert len({m.group for m in align_figures(unplaced)}) == 1  # without places in their clauses they link


def test_tolls_of_periods_that_do_not_meet_stay_apart():
    from datetime import date

    from newsprism.link.scopes import scope_bounds, scope_span

    places = {"e-us", "e-nairobi"}
    day = scope_span(scope_bounds([("on ", "1998-08-07")]))
    assert day == (date(1998, 8, 7), date(1998, 8, 7))
    year = scope_span(scope_bounds([("in a bombing in ", "1995")]))
    assert year == (date(1995, 1, 1), date(1995, 12, 31))
    since = scope_span(scope_bounds([("killed since ", "1990")]))
    assert since == (date(1990, 1, 1), None)
    assert scope_bounds([("from ", "2001"), (" to ", "2003")]) == ("2001", "2003")
    assert scope_bounds([("since ", "2006"), (", ", "2010")]) == ("2006", "2010")
    # "in 2010 alone, a 60 percent increase over the previous year": 2009 is compared with, not counted
    assert scope_bounds([("were killed in ", "2010"), ("over the ", "2009")]) == ("2010", "2010")
    assert scope_span(("2010", "2009")) is None
    embassy = [replace(fig(d, "f1", v, "deaths", words="people", date=r, context=places), span=day)
               for d, v, r in (("a", 257, "1998-08-13"), ("b", 247, "1998-08-20"))]
    oklahoma = replace(fig("c", "f1", 168, "deaths", words="people", date="1998-09-30", context=places), span=year)
    groups = {m.document: m.group for m in align_figures([*embassy, oklahoma])}
    assert groups["a"] == groups["b"] and "c" not in groups  # 1995's dead are not 1998's
    # a scope that meets the other ("since 1990") or none at all keeps them comparable
    for span in (since, None):
        other = replace(oklahoma, span=span, value=250.0)
        assert len({m.group for m in align_figures([*embassy, other])}) == 1


def test_part_markers_read_around_a_figure():
    from newsprism.link.figures import rules

    r = rules()
    assert r.part_before.search("killed 258 people, including ")
    assert r.part_before.search("more than 100 dead, among them ")
    assert r.part_after.search(" of them Americans")
    assert not r.part_before.search("the bombings killed ")
    assert not r.part_before.search("excluding")  # a word ending in a marker is not the marker


def test_a_shared_place_or_people_is_a_subject_only_when_the_documents_share_their_places():
    # "44 percent in mainland China" (schools) and "China claims about 90% of the sea": one country, two stories
    apart = [fig("a", "f1", 44, "share", about={"e-cn"}, context={"e-cn", "e-sg", "e-id"}),
             fig("b", "f1", 90, "share", about={"e-cn"}, context={"e-cn", "e-my", "e-vn", "e-ph", "e-un"})]
    for it in apart:
        it.setting = frozenset({"e-cn"})
    assert align_figures(apart) == []
    # two reports on one story share their places: "Pakistan experienced a 45% increase" in both
    story = [replace(apart[0], value=45, context=frozenset({"e-cn", "e-sg"})),
             replace(apart[1], value=45, context=frozenset({"e-cn", "e-sg", "e-my"}))]
    assert len({m.group for m in align_figures(story)}) == 1
    # an organisation or a programme in common is a subject whatever the places ("the Merida Initiative")
    programme = [replace(apart[0], about=frozenset({"e-cn", "e-plan"})),
                 replace(apart[1], value=46, about=frozenset({"e-cn", "e-plan"}))]
    assert len({m.group for m in align_figures(programme)}) == 1


def test_events_and_things_are_measured_by_their_own_noun():
    cases = Figure("d", "f1", 0, 7, "some 20", 20.0, "case", "events", counted=Span(8, 13, "cases"))
    bombings = Figure("d", "f2", 0, 3, "two", 2.0, "bombing", "events", counted=Span(4, 12, "bombings"))
    assert measure_of(cases) == "events:case" and measure_of(bombings) == "events:bombing"
    claims = Figure("d", "f3", 0, 2, "32", 32.0, "claim", "count", counted=Span(3, 15, "death claims"))
    assert measure_of(claims, after=" of 100,000 shillings each") == "count:claim"
    # a measure word well before the figure does not reach it; one close before does
    embassies = Figure("d", "f4", 0, 3, "two", 2.0, "embassy", "count", counted=Span(4, 20, "U.S. embassies"))
    assert measure_of(embassies, around="by the FBI and police in connection with the bombing of ") == \
        "count:embassy"
    attackers = Figure("d", "f5", 0, 3, "six", 6.0, "attacker", "count", counted=Span(4, 13, "attackers"))
    assert measure_of(attackers, around="say they killed all ") == "deaths"


def test_a_place_that_only_qualifies_a_noun_does_not_locate_a_figure():
    from newsprism.link.where import located

    text = "The bombings at U.S. embassies in Kenya and Tanzania killed 257 people."
    f = Figure("d", "f1", 60, 63, "257", 257.0, "person", "people", about=("m1", "m2", "m3"),
               sentence=Span(0, len(text), text))
    entity_of = {("d", "m1"): "e-us", ("d", "m2"): "e-ke", ("d", "m3"): "e-tz"}
    places = {"e-us": "US", "e-ke": "KE", "e-tz": "TZ"}
    spans = {("d", "m1"): (16, 20), ("d", "m2"): (34, 39), ("d", "m3"): (44, 52)}
    assert located(f, "d", entity_of, places, spans, frozenset({"embassies"})) == {"KE", "TZ"}
    # one country's toll and the toll of it and another are a part and its whole; two lists of countries
    # around one sea, one shorter, still place one thing
    nairobi = replace(fig("a", "f1", 253, "deaths", words="people", context={"e-ke"}), where=frozenset({"KE"}))
    total = replace(fig("b", "f1", 257, "deaths", words="people", context={"e-ke"}),
                    where=frozenset({"KE", "TZ"}))
    assert align_figures([nairobi, total]) == []
    sea = [replace(fig(d, "f1", 3.5e6, "area", about={"e-sea"}), where=frozenset(w))
           for d, w in (("a", {"CN", "VN", "PH", "MY"}), ("b", {"VN", "PH", "MY"}))]
    assert len({m.group for m in align_figures(sea)}) == 1


def test_a_vague_first_count_links_with_no_toll_by_the_places_alone():
    places = {"e-nairobi", "e-dar", "e-kenya", "e-tanzania"}
    dozens = replace(fig("a", "f1", 12, "deaths", bound="lower", context=places), vague=True)
    ten = fig("b", "f1", 10, "deaths", context=places)
    assert align_figures([dozens, ten]) == []
    assert len({m.group for m in align_figures([replace(dozens, vague=False), ten])}) == 1


def test_counts_of_different_things_in_one_setting_stay_apart():
    places = {"e-nairobi", "e-kenya"}
    americans = replace(fig("a", "f1", 12, "people", words="Americans", about={"e-nairobi"}, context=places),
                        setting=frozenset({"e-nairobi"}))
    team = replace(fig("b", "f1", 62, "people", words="member", about={"e-nairobi"}, context=places),
                   setting=frozenset({"e-nairobi"}))
    assert align_figures([americans, team]) == []
    # in a shared setting, about equal values of one kind of thing link; far apart ones do not
    iraqis = replace(fig("c", "f1", 5, "people", words="Iraqis", about={"e-tz"}, context=places),
                     setting=frozenset({"e-tz"}))
    eleven = replace(fig("d", "f1", 11, "people", about={"e-tz"}, context=places), setting=frozenset({"e-tz"}))
    assert align_figures([iraqis, eleven]) == []
    assert len({m.group for m in align_figures([iraqis, replace(eleven, value=5)])}) == 1


def test_two_stories_do_not_meet_through_a_third():
    embassy = fig("a", "f1", 75, "deaths", context={"e-nairobi", "e-kenya", "e-us"})
    lockerbie = fig("b", "f1", 259, "deaths", context={"e-nairobi", "e-kenya", "e-lockerbie", "e-scotland",
                                                        "e-libya"})
    oklahoma = fig("c", "f1", 168, "deaths", context={"e-nairobi", "e-kenya", "e-oklahoma", "e-dar",
                                                       "e-tanzania", "e-us", "e-washington", "e-africa"})
    assert len({m.group for m in align_figures([embassy, lockerbie])}) == 1  # each close to the first count
    assert len({m.group for m in align_figures([embassy, oklahoma])}) == 1
    members = align_figures([embassy, lockerbie, oklahoma])
    assert not any(len({m.document for m in members if m.group == g}) == 3 for g in {m.group for m in members})


def test_a_count_of_a_period_long_past_is_not_a_fresh_report():
    from datetime import date

    places = {"e-beledweyne", "e-somalia"}
    past = replace(fig("a", "f1", 25, "deaths", context=places, date="2025-03-12"),
                   span=(date(2009, 1, 1), date(2009, 12, 31)))  # "the biggest attack, in 2009, killed 25"
    fresh = fig("b", "f1", 20, "deaths", context=places, date="2025-03-11")
    assert align_figures([past, fresh]) == []
    # a report a year on may give the toll without its date
    anniversary = replace(fresh, date="1999-10-08", value=224)
    toll = replace(past, value=224, span=(date(1998, 8, 7), date(1998, 8, 7)))
    assert len({m.group for m in align_figures([toll, anniversary])}) == 1


def test_counts_named_apart_do_not_link_through_a_common_subject_but_money_does():
    passengers = fig("a", "f1", 2, "people", words="passengers", about={"e-voa"}, context={"e-pk"})
    officials = fig("b", "f1", 2, "people", words="U.S. defense officials", about={"e-voa"}, context={"e-cu"})
    assert align_figures([passengers, officials]) == []  # both told VOA
    forces = fig("c", "f1", 1.4e9, "money:USD", bound="lower", words="Mexico's armed forces and police",
                 about={"e-merida"})
    merida = fig("d", "f1", 1.6e9, "money:USD", words="Merida Initiative", about={"e-merida"})
    assert len({m.group for m in align_figures([forces, merida])}) == 1


def test_the_freed_are_a_measure_of_their_own():
    rescued = Figure("d", "f1", 0, 3, "190", 190.0, "passenger", "count", counted=Span(4, 14, "passengers"))
    assert measure_of(rescued, around="a military operation rescued ") == "freed"
    assert measure_of(rescued, after=" were freed, 37 of whom were injured") == "freed"
    assert measure_of(rescued, around="bringing the train with nearly ") == "count:passenger"


def test_the_verb_of_a_figure_is_read_past_a_part_and_a_joined_count():
    rescued = Figure("d", "f1", 0, 3, "104", 104.0, "passenger", "count", counted=Span(4, 14, "passengers"))
    assert measure_of(rescued, after=", including 58 men, 31 women and 15 children, had been rescued") == "freed"
    died = Figure("d", "f2", 0, 11, "At least 21", 21.0, "passenger", "count", bound="lower",
                  counted=Span(12, 22, "passengers"))
    assert measure_of(died, after=" and four paramilitary troops died in the attack.") == "deaths"
    # another clause after "and" is not the figure's
    protesters = Figure("d", "f3", 0, 3, "200", 200.0, "protester", "people", counted=Span(4, 14, "protesters"))
    assert measure_of(protesters, after=" rallied and police arrested 20") == "people"
