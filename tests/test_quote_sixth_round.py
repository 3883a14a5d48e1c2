"""Speaker forms of the sixth round: initials written against a surname, particles before a
surname, roles nobody was introduced with, former holders, namesakes told apart by a role,
another country's holder, an adjective between a role and a name, a possessive role before
an apposition, an object after a preposition, an unnamed official, and a quote after a
sentence that reports its speaker's words. Made-up texts."""

from __future__ import annotations

from types import SimpleNamespace

from articles.pipeline.analysis import quote_speakers
from articles.pipeline.linking import Linker
from articles.pipeline.quotes import extract_quotes


def said(body: str, people: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(body, "", people)]


def kinds(body: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract_quotes(body)]


# --- names ----------------------------------------------------------------------------------


def test_initials_written_against_the_surname_are_one_name() -> None:
    body = (
        "Minister of Fictland B.Ormonov opened the session.\n\n"
        '"We share the rivers," B.Ormonov said.\n\n'
        "«Мы соседи», – заявил Б.Ормонов."
    )
    assert said(body) == [("We share the rivers", "B.Ormonov"), ("Мы соседи", "Б.Ормонов")]


def test_a_surname_with_its_particles_is_a_speaker() -> None:
    body = (
        "Commission President Anna von der Brück arrived on Friday.\n\n"
        '"We are here to invest," von der Brück told the ministers.\n\n'
        'Von der Brück habló de "socios y no clientes" en la cena.'
    )
    assert kinds(body) == [("von der Brück", "person"), ("Von der Brück", "person")]


def test_a_name_with_particles_in_an_apposition_after_an_institution() -> None:
    body = 'La presidenta de la Comisión, Anna von der Brück, afirmó que quiere "un socio fiel".'
    assert said(body) == [("un socio fiel", "Anna von der Brück")]


# --- roles ----------------------------------------------------------------------------------


def test_a_role_nobody_was_introduced_with_is_the_person_last_spoken_of() -> None:
    body = (
        "Lord Fenwick has told Fictland that his country wants a partnership.\n\n"
        "After the talks, the foreign secretary said: 'We are not here to make you choose.'"
    )
    assert said(body) == [("We are not here to make you choose.", "Lord Fenwick")]


def test_a_role_nobody_holds_is_not_a_person_the_text_gave_another_role() -> None:
    body = (
        'Aidos Ormonov, an analyst, spoke first.\n\n"The deal is done," the foreign secretary said.'
    )
    assert kinds(body) == [("the foreign secretary", "anonymous")]


def test_a_former_holder_is_not_the_president_of_now() -> None:
    body = (
        "Its name honours former president Bolat Temirov.\n\n"
        "The ribbon was cut by President Nurlan Temirov, his son. The elder Temirov watched.\n\n"
        '"The city is a gift to the people," the president said.'
    )
    assert said(body) == [("The city is a gift to the people", "Nurlan Temirov")]


def test_a_shared_surname_goes_to_the_namesake_with_the_role_it_last_had() -> None:
    body = (
        "President Sadyk Ormonov signed the treaty.\n\n"
        "The talks had begun under former cabinet chairman Askar Ormonov, who is not related "
        "to the president. President Ormonov said the treaty would reopen the roads.\n\n"
        '"We have closed the last page," Ormonov told a news conference.'
    )
    assert said(body) == [("We have closed the last page", "Sadyk Ormonov")]


def test_a_holder_introduced_with_another_country_is_not_this_countrys() -> None:
    body = (
        "Fictish President Aidos Ormonov and their host, Bolat Temirov, opened the summit.\n\n"
        "President Aidos Ormonov thanked the guests.\n\n"
        'Temirov proposed a fund. "We have to build a common market," the Kazakh president '
        "said."
    )
    assert said(body) == [("We have to build a common market", "Bolat Temirov")]


def test_an_adjective_between_an_inverted_role_and_the_name() -> None:
    body = "« L'eau ne connaît pas de frontières », a déclaré le président tadjik Aidos Ormonov."
    assert said(body) == [("L'eau ne connaît pas de frontières", "Aidos Ormonov")]


def test_a_possessive_role_to_a_place_before_the_name_in_apposition() -> None:
    body = (
        '"The new rules will help tourism," Fictland\'s ambassador to Utopia, Aidos Ormonov, '
        "told reporters."
    )
    assert said(body) == [("The new rules will help tourism", "Aidos Ormonov")]


# --- who is no speaker ----------------------------------------------------------------------


def test_a_name_after_a_preposition_is_not_the_subject_of_the_verb() -> None:
    body = (
        "'Fictland has been a good partner,' Lord Fenwick said.\n\n"
        "An official travelling with the foreign secretary called the trip 'long overdue, "
        "and very welcome'."
    )
    assert kinds(body) == [("Lord Fenwick", "person"), ("An official", "anonymous")]


# --- a quote after the sentence that reports its speaker -----------------------------------


def test_a_quote_after_a_sentence_that_reports_its_speakers_words() -> None:
    body = (
        "Laut Ormonov sollen die Gespräche im kommenden Jahr fortgesetzt werden. Es gebe "
        "„großes Interesse auf beiden Seiten“.\n\n"
        "Aidos Temirov answered carefully. « Chaque pays a sa propre histoire. »"
    )
    assert said(body) == [
        ("großes Interesse auf beiden Seiten", "Ormonov"),
        ("Chaque pays a sa propre histoire.", "Aidos Temirov"),
    ]


def test_a_quote_with_an_attribution_of_its_own_is_not_the_previous_sentences() -> None:
    body = (
        "Aidos Temirov spoke with his counterpart, according to a readout. "
        '"The presidents instructed the services to act," it said.'
    )
    assert [speaker for _, speaker in said(body)] == [None]


# --- the linked speaker ----------------------------------------------------------------------


def test_a_full_name_is_not_linked_to_another_given_names_owner() -> None:
    # The article's one Temir is linked (a person the article itself made known); the
    # speakers are written with his surname only, with his initial, and with another name.
    mentions = [SimpleNamespace(kind="person", start=0, end=11, key="bolat-temir")]
    quotes = [
        SimpleNamespace(speaker=speaker, speaker_start=None, speaker_end=None)
        for speaker in ("Aisha Temir", "B. Temir", "Temir", "Bolat Temir")
    ]
    assert quote_speakers(quotes, mentions, Linker([], [])) == [
        None,
        "bolat-temir",
        "bolat-temir",
        "bolat-temir",
    ]


# --- vocabulary --------------------------------------------------------------------------


def test_an_everyday_occupation_in_apposition_makes_a_person_and_uzbek_says() -> None:
    body = (
        'A guide, Malika Tosheva, compared the trade to roulette: "One good season, then '
        'nothing."\n\n'
        '"Bu yaxshi kun", dedi Aidos Ormonov.'
    )
    assert said(body) == [
        ("One good season, then nothing.", "Malika Tosheva"),
        ("Bu yaxshi kun", "Aidos Ormonov"),
    ]


def test_an_inverted_role_with_its_country_and_no_name_after_a_press_secretary() -> None:
    body = (
        "Выступил президент Таджикистана Иван Сидоров.\n\n"
        "«Это плановая встреча», — сказал пресс-секретарь президента Олег Карпов.\n\n"
        "«Нам нужен этот формат», — подчеркнул президент Таджикистана."
    )
    assert said(body) == [
        ("Это плановая встреча", "Олег Карпов"),
        ("Нам нужен этот формат", "Иван Сидоров"),
    ]


def test_a_russian_premier_is_a_role_and_the_state_council_no_country() -> None:
    body = (
        "Премьер Госсовета КНР Ван Мин прибыл в Бишкек. Председатель правительства Фиктландии "
        "Иван Сидоров встретил гостя.\n\n"
        "Выступая на заседании, Ван призвал к сотрудничеству. «Мы против санкций», – сказал "
        "китайский премьер."
    )
    assert said(body)[-1] == ("Мы против санкций", "Ван Мин")


# --- another country's holder, named only as an object ------------------------------------


def test_a_country_role_is_a_named_person_the_text_gave_no_other_country() -> None:
    body = (
        "Выступление президента Таджикистана Ивана Сидорова было обращено к Петру Орлову.\n\n"
        "По словам Сидорова, малые страны хотят уважения.\n\n"
        "Российский президент ответил сдержанно. «Мы ценим нашу дружбу», — сказал он."
    )
    assert said(body, ("Петру Орлову",)) == [("Мы ценим нашу дружбу", "Петру Орлову")]


def test_a_person_a_country_role_was_used_for_is_not_another_countrys() -> None:
    body = (
        "Pierre Morel est arrivé jeudi. Le président français a été reçu par son homologue "
        "Aidos Ormonov.\n\n"
        "« Nous proposons un partenariat », a déclaré Pierre Morel.\n\n"
        "Le président ouzbek a salué « une visite historique pour nos deux pays »."
    )
    last = said(body, ("Aidos Ormonov",))[-1]
    assert last == ("une visite historique pour nos deux pays", "Aidos Ormonov")


# --- who a role is not ----------------------------------------------------------------------


def test_a_spokesman_or_an_institutions_role_is_not_the_person_last_spoken_of() -> None:
    people = ("Aidos Ormonov",)
    for said_by in ("the spokesman", "the Kremlin spokesman", "the ministry's spokeswoman"):
        body = f'Aidos Ormonov arrived in Astana. "The visit is important," {said_by} said.'
        assert [(q.speaker, q.speaker_kind) for q in extract_quotes(body, "", people)] == [
            (said_by, "anonymous")
        ]


def test_a_name_with_a_reflexive_is_a_person_for_he() -> None:
    body = (
        "President Bolat Temirov opened the avenue named after the poet.\n\n"
        'Abai himself distrusted officials. "A man is made by his deeds," he wrote.'
    )
    assert said(body) == [("A man is made by his deeds", "Abai")]


def test_a_quote_after_a_new_subject_is_not_the_previous_sentences() -> None:
    people = ("Aidos Ormonov",)
    body = (
        'Aidos Ormonov said the plan would cut losses. Critics call it "a paper reform '
        'without money".'
    )
    assert [(q.speaker, q.speaker_kind) for q in extract_quotes(body, "", people)] == [(None, "")]


# --- forms found by probing made-up sentences --------------------------------------------


def test_a_possessive_role_is_that_countrys_holder() -> None:
    body = (
        "President Aidos Ormonov opened the forum.\n\n"
        '"We are ready for more trade," Fictland\'s president said.'
    )
    assert said(body) == [("We are ready for more trade", "Aidos Ormonov")]


def test_according_phrases_in_russian_and_spanish() -> None:
    people = ("Иван Сидоров", "Aidos Ormonov")
    body = (
        "Президент Иван Сидоров открыл форум. Как заявил Сидоров, «мы готовы к торговле».\n\n"
        'El presidente Aidos Ormonov habló el lunes. De acuerdo con Ormonov, "el comercio es '
        'lo primero".'
    )
    assert said(body, people) == [
        ("мы готовы к торговле", "Иван Сидоров"),
        ("el comercio es lo primero", "Aidos Ormonov"),
    ]


def test_an_inverted_role_then_its_holder_at_the_end_of_the_sentence() -> None:
    body = "« Nous sommes prêts », a souligné le ministre des Affaires étrangères, Aidos Ormonov."
    assert said(body) == [("Nous sommes prêts", "Aidos Ormonov")]


def test_a_lower_case_role_right_before_a_name_is_the_names() -> None:
    body = (
        "Le président Aidos Ormonov a ouvert le forum lundi.\n\n"
        "« Nous sommes prêts », a-t-il lancé."
    )
    assert said(body) == [("Nous sommes prêts", "Aidos Ormonov")]


def test_a_statement_or_an_impersonal_verb_after_a_quote_names_nobody() -> None:
    people = ("Aidos Ormonov", "Иван Сидоров", "Jan Weber")
    body = (
        "President Aidos Ormonov opened the forum.\n\n"
        '"We are ready for more trade," according to a statement from the ministry.\n\n'
        "Президент Иван Сидоров открыл форум.\n\n"
        "«Мы готовы к торговле», — говорится в заявлении МИД.\n\n"
        "Präsident Jan Weber eröffnete das Forum.\n\n"
        "„Wir sind bereit“, heißt es in der Erklärung."
    )
    assert [speaker for _, speaker in said(body, people)] == [None, None, None]


def test_more_speech_verbs_in_the_five_languages() -> None:
    body = (
        '"We will see," Jane Doe quipped.\n\n'
        '"Estamos listos", reconoció Aidos Ormonov.\n\n'
        "„Wir sind bereit“, versicherte Jan Weber.\n\n"
        "« Nous sommes prêts », a déploré Pierre Morel.\n\n"
        "«Мы готовы», — заверил Иван Сидоров."
    )
    assert [speaker for _, speaker in said(body)] == [
        "Jane Doe",
        "Aidos Ormonov",
        "Jan Weber",
        "Pierre Morel",
        "Иван Сидоров",
    ]


# --- the sentence after a quote names its speaker ---------------------------------------


def test_the_sentence_after_a_quote_names_its_speaker() -> None:
    people = ("Иван Сидоров", "Jan Weber", "Aidos Ormonov", "Bolat Temirov")
    body = (
        "Форум открылся в понедельник.\n\n"
        "«Мы готовы к торговле со всеми». Об этом заявил президент Таджикистана Иван "
        "Сидоров.\n\n"
        "„Wir sind zu mehr Handel bereit.“ Das sagte Jan Weber am Montag.\n\n"
        "Foreign Minister Bolat Temirov hosted the talks.\n\n"
        '"Transport routes are the future." The words were those of Aidos Ormonov, who spoke '
        "next."
    )
    assert [speaker for _, speaker in said(body, people)] == [
        "Иван Сидоров",
        "Jan Weber",
        "Aidos Ormonov",
    ]
    # "Так и было" opens the next sentence with no speech verb: it names nobody.
    assert said("Форум открылся.\n\n«Так и было всегда». Так и было.") == [
        ("Так и было всегда", None)
    ]


def test_a_headline_verb_in_the_present_tense() -> None:
    assert said('Aidos Ormonov vows "more trade with everyone" at the forum') == [
        ("more trade with everyone", "Aidos Ormonov")
    ]


def test_a_readouts_head_of_state_before_any_name_is_the_headlines_subject() -> None:
    body = (
        "The Head of State welcomed the guest at the residence.\n\n"
        '"Our trade reached a record level," the Head of State said.'
    )
    headline = "Aidos Ormonov holds talks with the President of Fictland"
    quotes = extract_quotes(body, headline)
    assert [(q.speaker, q.speaker_start) for q in quotes] == [("Aidos Ormonov", None)]
    # A headline that opens with no full name gives nobody.
    assert [q.speaker_kind for q in extract_quotes(body, "Talks held at the residence")] == [
        "anonymous"
    ]
