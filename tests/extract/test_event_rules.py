"""Event types: the decision rules of data/event_types.toml (invented texts only).

Each rule is tried on the type the encoder chose; these tests call the rules directly,
without the encoder."""

from __future__ import annotations

import pytest

from storyline.extract.event_types import GROUPS, decide, load_event_types
from storyline.lexicon import Knowledge


@pytest.fixture(scope="module")
def recode():
    data = load_event_types(Knowledge())
    names = [t.name for t in data.types if t.group in GROUPS["seen"]]
    return lambda text, chosen: decide(text, chosen, data.rules, names)


@pytest.fixture(scope="module")
def recode_all():
    data = load_event_types(Knowledge())
    names = [t.name for t in data.types]
    return lambda text, chosen: decide(text, chosen, data.rules, names)


def test_rules_for_types_outside_the_set_in_use_are_skipped(recode):
    text = "Customs officers arrested two men smuggling cocaine through the port."
    assert recode(text, "ARREST") == "ARREST"


def test_demonstrators_throwing_stones_make_a_violent_demonstration(recode):
    text = "Students marching on the ministry threw stones at officers and blocked the main road."
    assert recode(text, "PEACE_PROTEST") == "VIOL_DEMONSTR"


def test_demonstrators_shot_by_police_meet_excessive_force(recode):
    text = "Two demonstrators were killed when police opened fire on the rally in the port town."
    assert recode(text, "PEACE_PROTEST") == "FORCE_AGAINST_PROTEST"


def test_a_march_against_police_killings_is_not_force_against_it(recode):
    text = "Hundreds marched through the capital against police killings of young men."
    assert recode(text, "PEACE_PROTEST") == "PEACE_PROTEST"
    vigil = "Students held a vigil for a classmate whose death in custody sparked protests."
    assert recode(vigil, "PEACE_PROTEST") == "PEACE_PROTEST"


def test_demonstrators_dispersed_with_tear_gas_meet_an_intervention(recode):
    text = "Police used tear gas to disperse a crowd of teachers protesting unpaid wages."
    assert recode(text, "FORCE_AGAINST_PROTEST") == "PROTEST_WITH_INTER"


def test_arrests_during_a_protest_are_an_intervention_not_arrests_alone(recode):
    text = "Officers detained a dozen people during a protest outside the town hall."
    assert recode(text, "ARREST") == "PROTEST_WITH_INTER"
    before = "Police detained three organisers two days before the planned rally."
    assert recode(before, "ARREST") == "ARREST"


def test_a_mob_with_no_demonstration_is_mob_violence(recode):
    text = "An angry mob beat a suspected cattle thief to death in the village square."
    assert recode(text, "VIOL_DEMONSTR") == "MOB_VIOL"
    rally = "Looters joined a rally in the old town and smashed shop windows."
    assert recode(rally, "VIOL_DEMONSTR") == "VIOL_DEMONSTR"


def test_weapons_found_and_seized_are_disrupted_weapons_use(recode):
    cache = "Soldiers found a cache of rifles and ammunition in a farmhouse."
    assert recode(cache, "ARMED_CLASH") == "DISR_WEAP"
    found = "Two explosive devices were discovered under a bridge."
    assert recode(found, "REM_EXPLOS") == "DISR_WEAP"
    downed = "Air defences shot down three drones over the port."
    assert recode(downed, "AIR_STRIKE") == "DISR_WEAP"


def test_a_device_that_went_off_is_not_disrupted(recode):
    text = "A device found by children exploded, wounding two of them."
    assert recode(text, "REM_EXPLOS") == "REM_EXPLOS"


def test_a_suicide_car_bomb_is_a_suicide_bombing(recode):
    text = "A suicide car bomb laden with explosives hit the gate of the barracks."
    assert recode(text, "REM_EXPLOS") == "SUIC_BOMB"


def test_a_rocket_propelled_grenade_is_a_projectile_attack(recode):
    text = "Fighters fired a rocket-propelled grenade at the armoured truck."
    assert recode(text, "GRENADE") == "ART_MISS_ATTACK"


def test_poison_gas_dropped_from_the_air_is_a_chemical_attack(recode):
    text = "A helicopter dropped canisters of poison gas on the village, choking dozens."
    assert recode(text, "AIR_STRIKE") == "CHEM_WEAP"
    strike = "Jets struck a chemical weapons storage facility near the border."
    assert recode(strike, "AIR_STRIKE") == "AIR_STRIKE"


def test_a_base_left_and_then_entered_is_a_non_violent_transfer(recode):
    text = "The garrison pulled out of the hill fort overnight and the militia entered it at dawn."
    assert recode(text, "NON_STATE_ACTOR_OVERTAKES_TER") == "NON_VIOL_TERRIT_TRANSFER"


def test_a_withdrawal_with_no_taker_is_a_change_of_activity(recode):
    text = "The peacekeeping battalion has withdrawn from the river valley."
    assert recode(text, "NON_VIOL_TERRIT_TRANSFER") == "CHANGE_TO_GROUP_ACT"


def test_a_town_captured_is_a_change_of_territory(recode):
    text = "After two days of fighting the insurgents captured the market town of Oldbridge."
    assert recode(text, "ARMED_CLASH") == "NON_STATE_ACTOR_OVERTAKES_TER"
    repelled = "An attempt by the insurgents to capture the market town was repelled."
    assert recode(repelled, "ARMED_CLASH") == "ARMED_CLASH"


def test_a_fight_with_no_place_taken_is_a_clash(recode):
    text = "Soldiers killed eleven rebels in a gun battle near the Liberation Front's camp."
    assert recode(text, "GOV_REGAINS_TERIT") == "ARMED_CLASH"


@pytest.fixture(scope="module")
def taker():
    from storyline.extract.event_types import EventCoder

    coder = EventCoder.__new__(EventCoder)
    coder.data = load_event_types(Knowledge())
    return coder.taker


def test_the_taker_is_the_side_named_nearest_before_the_verb(taker):
    assert taker("Rebels said the army had retaken the bridge town.") == "state"
    assert taker("The army said the rebels had seized the bridge town.") == "non_state"


def test_a_passive_names_the_loser_or_its_agent(taker):
    assert taker("The militants were driven out of the valley on Monday.") == "state"
    assert taker("The valley was captured by the militants on Monday.") == "non_state"
    assert taker("The town took part in the vote.") is None


def test_a_surrender_or_prisoner_exchange_is_an_agreement(recode):
    text = "Forty fighters of the hill brigade surrendered to the army near the dam."
    assert recode(text, "ARMED_CLASH") == "AGREEMENT"
    swap = "The rebels freed nine soldiers in exchange for twelve of their own men."
    assert recode(swap, "ARMED_CLASH") == "AGREEMENT"
    refused = "The gunmen refused to surrender and fought on until dusk."
    assert recode(refused, "ARMED_CLASH") == "ARMED_CLASH"


def test_people_fleeing_in_thousands_is_other(recode):
    text = "Some 4,000 villagers have fled the river district after raids by the militia."
    assert recode(text, "ATTACK") == "OTHER"


def test_troops_reinforced_with_no_fight_are_a_change_of_activity(recode):
    text = "The border guard was reinforced and two reserve units were deployed along the coast."
    assert recode(text, "ARMED_CLASH") == "CHANGE_TO_GROUP_ACT"
    fight = "Reinforcements were deployed after gunmen attacked the border post."
    assert recode(fight, "ARMED_CLASH") == "ARMED_CLASH"


def test_an_explosion_at_a_plant_with_no_attacker_is_a_man_made_disaster(recode_all):
    text = "A boiler exploded at a paper factory on the ring road, killing three workers."
    assert recode_all(text, "REM_EXPLOS") == "MAN_MADE_DISASTER"
    attack = "Militants planted a bomb at the factory gate, and it exploded at dawn."
    assert recode_all(attack, "REM_EXPLOS") == "REM_EXPLOS"


def test_arrests_for_smuggling_are_organised_crime(recode_all):
    text = "Customs officers arrested two men smuggling cocaine through the port."
    assert recode_all(text, "ARREST") == "ORG_CRIME"


def test_responsibility_claimed_is_an_attribution(recode_all):
    text = "The northern front claimed responsibility for the bombing of the rail depot."
    assert recode_all(text, "REM_EXPLOS") == "ATTRIB"


def test_sanctions_are_diplomacy(recode_all):
    text = "The council imposed new sanctions on the neighbouring republic over its missile tests."
    assert recode_all(text, "ART_MISS_ATTACK") == "DIPLO"


def test_mortar_fire_with_no_close_fighting_is_a_shelling(recode):
    text = "Mortar rounds fired from the hills struck the barracks overnight, wounding four."
    assert recode(text, "ARMED_CLASH") == "ART_MISS_ATTACK"
    close = "Troops and rebels exchanged fire for hours as mortar rounds fell nearby."
    assert recode(close, "ARMED_CLASH") == "ARMED_CLASH"


def test_an_attack_on_a_police_post_is_a_clash(recode):
    text = "Gunmen attacked a police post on the coast road, wounding two officers."
    assert recode(text, "ATTACK") == "ARMED_CLASH"


def test_armed_men_killing_villagers_is_an_attack(recode):
    text = "Armed men killed nine villagers in a night raid on the hamlet."
    assert recode(text, "ARMED_CLASH") == "ATTACK"
    fought = "Soldiers fought off armed men who had killed nine villagers."
    assert recode(fought, "ARMED_CLASH") == "ARMED_CLASH"
