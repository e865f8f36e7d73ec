"""Tests of qa.answer_type: whether a sentence holds the type of answer a question wants."""
from __future__ import annotations

from index.query import parse_query
from qa.answer_type import holds, offers, same_word, tied


def q(text: str):
    return parse_query(text)


def test_numbers_and_dates():
    how_many = q("How many marketplaces take part?")
    assert offers("number", "Four marketplaces were taking part.", how_many)
    assert offers("number", "It tested 550 million transactions.", how_many)
    assert not offers("number", "Several delegates took the floor.", how_many)
    assert not offers("number", "The pilot started in 2019.", how_many)  # a year is not a count
    assert not offers("number", "The Secretariat introduced Doc. PC0733.", how_many)
    when = q("When is the next meeting?")
    assert offers("date", "The meeting will be held from 23 to 25 April 2024.", when)
    assert not offers("date", "The meeting will be held in Brussels.", when)


def test_country_adjectives_name_countries():
    question = q("Which country abolished its de minimis threshold?")
    assert question.wants == "country"
    assert offers("country", "Norwegian Customs presented the abolishment of the threshold.", question)
    assert not offers("country", "The Secretariat presented the abolishment of the threshold.", question)
    # A country the question already names is not the answer.
    assert not offers("country", "The EU plans to remove it.", q("Did a country other than the EU abolish it?"))


def test_names_must_be_new_and_not_generic():
    question = q("Which organization presented its TFA implementation experience?")
    assert offers("name", "The Chairperson invited Botswana Customs to deliver a presentation.", question)
    assert not offers("name", "The Secretariat thanked the Members of the PTC.", question)
    assert not offers("name", "Delegates discussed the TFA.", question)  # the question's own name
    assert not offers(None, "Botswana presented.", question)


def test_places():
    where = q("Where will the guidelines be launched?")
    assert where.wants == "place"
    assert offers("place", "The Guidelines will be launched at the IAPH World Ports Conference in Abu Dhabi.", where)
    assert not offers("place", "The guidelines will be launched soon.", where)


def test_money_needs_a_currency_and_not_the_questions_own_sum():
    question = q("How much revenue does Norway expect from taxing parcels under 350 NOK?")
    assert holds("money", "Norway expects some 1.5 billion NOK in revenue.", question)
    assert holds("money", "The new scheme would bring in USD 3 million of revenue a year.", question)
    assert not holds("money", "The fee was USD 3 per parcel.", question)  # a sum, but of a fee, not of the revenue asked about
    assert not holds("money", "Norway processed 1.5 billion parcels.", question)  # a count of parcels is no sum of money
    assert not holds("money", "Parcels under 350 NOK were exempt.", question)  # the question's own figure


def test_an_amount_needs_a_currency_unit_or_scale_word():
    question = q("What was the ceiling value for simplified declarations in Norway?")
    assert holds("amount", "The ceiling was 3,000 NOK per consignment.", question)
    assert holds("amount", "The ceiling was EUR 1,000.", question)
    assert holds("amount", "Some 40 tonnes of waste qualified.", question)
    assert not holds("amount", "Norway set the ceiling on 3 and 4 May 2023.", question)  # a date is no amount
    assert not holds("amount", "Norway presented Doc. PC0701 under Article 7.", question)
    assert not holds("amount", "Norway consulted 12 partners on the ceiling.", question)  # a count is no amount


def test_a_count_is_not_a_date_a_reference_an_ordinal_or_a_length_of_time():
    question = q("How many delegates attended the forum?")
    assert holds("count", "Some 45 delegates attended the forum.", question)
    assert holds("count", "Delegates from twelve administrations attended.", question)
    assert not holds("count", "The forum met on 12 March 2024.", question)
    assert not holds("count", "The 5th forum took place in 2022.", question)
    assert not holds("count", "Delegates were thanked for the coming three days of work.", question)
    assert not holds("count", "Delegates discussed Article 10 of the Agreement.", question)
    assert not holds("count", "One delegate attended the forum.", question)  # "one delegate" names no count


def test_places_people_shares_years_and_languages_strictly():
    where = q("In which town was the seminar held?")
    assert holds("place", "The seminar was held in Mombasa, Kenya.", where)
    # a part of a document answers where something is set out, not which town hosted it
    assert holds("place", "The statements are set out in an Annex to the report.", q("Where are the national statements set out?"))
    assert not holds("place", "The statements are set out in an Annex to the report.", where)
    assert not holds("place", "The seminar was funded by the Swiss Government.", where)
    assert not holds("place", "Kenya Revenue Authority hosted the seminar in its capacity as Vice-Chair.", where)
    who = q("Which Brazilian official opened the meeting?")
    assert holds("person", "Ms Ana Souza opened the meeting.", who)
    assert not holds("person", "The Deputy Secretary General opened the meeting.", who)
    assert not holds("person", "Brazil opened the meeting.", who)
    assert holds("person", "The Director, Ana Maria Souza, opened the meeting.", who)
    # a city and a quoted theme are capitalised words that name no one
    assert not holds("person", "The meeting was held in Belo Horizonte, Brazil.", who)
    assert not holds("person", "The meeting took place under the theme “Smart Borders Together”.", who)
    share = q("What percentage of declarations are lodged electronically?")
    assert holds("share", "About 85 per cent of declarations are lodged electronically.", share)
    assert holds("share", "Two-thirds of declarations are lodged electronically.", share)
    assert not holds("share", "Declarations are lodged electronically since 2019.", share)
    release = q("What is the average release time for air cargo?")
    assert holds("duration", "Air cargo was released in 4.5 hours on average.", release)
    assert not holds("duration", "Air cargo release was measured in 2021.", release)
    assert holds("duration", "The pilot has run since 2019.", q("How long has the pilot run?"))
    year = q("In what year was the network launched after the 2019 study?")
    assert holds("year", "The network was launched in 2021.", year)
    assert not holds("year", "The network followed the 2019 study.", year)  # the question's own year
    languages = q("In which languages is the handbook published?")
    assert holds("language", "The handbook is available in English and French.", languages)
    assert not holds("language", "The handbook is available online.", languages)
    assert holds(None, "Anything at all.", languages)  # nothing asked, nothing to miss


def test_a_name_a_title_and_a_fee_strictly():
    portal = q("What is the new data-sharing portal called?")
    assert holds("proper_name", "The administration launched the TradeNet portal for data sharing.", portal)
    assert holds("proper_name", "ASYCUDA is used to share the data.", portal)  # an acronym opening the sentence is a name
    assert not holds("proper_name", "The administration launched a new portal for data sharing.", portal)
    assert not holds("proper_name", "Japanese Customs launched a portal for data sharing.", portal)  # a country is no portal's name
    assert not holds("proper_name", "Several Members launched a Single Window portal.", portal)  # generic and title words
    firm = q("Which consultancy carried out the time release study?")
    assert not holds("proper_name", "A private consultancy carried out the time release study.", firm)
    assert holds("proper_name", "The study was carried out by Deloitte.", firm)
    assert holds("proper_name", "The study was carried out by TRS.", q("Which consultancy ran the TRSP timing survey?"))
    study = q("What is the title of the study on green procurement?")
    assert holds("title", "The Secretariat published a study entitled “Buying Green at the Border”.", study)
    assert holds("title", "The Secretariat published the Green Procurement Practice Guide for Customs.", study)
    assert not holds("title", "The Secretariat said a study on green procurement had been published.", study)
    fee = q("What fee do importers pay for an advance ruling?")
    assert holds("fee", "Importers pay EUR 150 for an advance ruling.", fee)
    assert not holds("fee", "Importers pay a fee for an advance ruling.", fee)


def test_dates_written_as_people_write_them():
    when = q("When did the tariff panel last sit?")
    for sentence in (
        "The panel sat on 4 Sept. 2022.",
        "The panel sat the previous day.",
        "The panel sat on Thursday.",
        "The panel will sit again at its next plenary session.",
        "The panel sits twice a year.",
        "The panel sat in Q3.",
        "The panel sat on 04/09/2022.",
    ):
        assert holds("date", sentence, when), sentence
    # the topical sentence without a date, and words that only look like one
    for sentence in ("The panel sat to review the tariff.", "It may sit during the intersession.", "This panel sat again."):
        assert not holds("date", sentence, when), sentence


def test_counts_spelt_out_or_told_by_naming_the_countries():
    attendees = q("How many officers attended the clinic?")
    assert holds("count", "Seventeen officers attended the clinic.", attendees)
    assert holds("count", "A thousand officers attended the clinic.", attendees)
    assert not holds("count", "Officers attended the clinic under Actions 4 and 6 of the plan.", attendees)  # references
    countries = q("How many countries joined the cargo clinic?")
    assert holds("count", "Ghana, Togo, Benin and Senegal joined the cargo clinic.", countries)
    assert offers("number", "Ghana, Togo, Benin and Senegal joined the cargo clinic.", countries)
    assert not holds("count", "Ghana, Togo, Benin and Senegal joined the cargo clinic.", q("How many firms joined the cargo clinic?"))
    assert not holds("count", "Several countries joined the cargo clinic.", countries)


def test_an_amount_told_by_its_noun_or_verb_without_a_currency():
    ceiling = q("What is the duty-free ceiling for postal items in Chile?")
    for sentence in (
        "Chile applies a ceiling of 41 to postal items.",
        "Chile raised the duty-free ceiling to 500 in 2022.",
        "Postal items below 41 enter free of duty in Chile.",
        "Chile charges RM 30 on postal items.",  # a currency code read as a currency
    ):
        assert holds("amount", sentence, ceiling), sentence
    for sentence in ("Chile reviewed the ceiling for postal items in 2022.", "Chile consulted 14 operators on the ceiling.", "The value of 3 parcels was checked."):
        assert not holds("amount", sentence, ceiling), sentence
    grant = q("How much money did Sweden give the clinic?")
    assert holds("money", "Sweden gave the clinic a grant of 250,000.", grant)
    assert not holds("money", "Sweden gave the clinic a grant.", grant)


def test_shares_and_lengths_of_time_in_other_words():
    share = q("What proportion of inspections are remote?")
    assert holds("share", "One in five inspections is remote.", share)
    assert holds("share", "Remote inspections rose by 4 percentage points.", share)
    assert not holds("share", "Remote inspections began in 2020.", share)
    span = q("How long did the scanning trial last?")
    assert holds("duration", "The scanning trial ran from March to August 2021.", span)
    assert holds("duration", "The scanning trial lasted a fortnight.", span)
    assert holds("duration", "The scanning trial lasted seventeen months.", span)
    assert not holds("duration", "The scanning trial was a success.", span)


def test_people_named_after_their_office_or_in_other_scripts():
    who = q("Which official chaired the clinic?")
    for sentence in (
        "Director General Amaka Obi chaired the clinic.",
        "Professor Lee chaired the clinic.",
        "José Müller-Weiß chaired the clinic.",
        "Ricardo de la Cruz chaired the clinic.",
    ):
        assert holds("person", sentence, who), sentence
    for sentence in ("The Director General chaired the clinic.", "Ghana chaired the clinic.", "The World Customs Organization chaired it."):
        assert not holds("person", sentence, who), sentence


def test_countries_by_administration_and_places_by_city_and_country():
    which = q("Which country piloted remote inspections?")
    assert offers("country", "HMRC piloted remote inspections.", which)
    assert offers("country", "Togolese Customs piloted remote inspections.", which)
    assert not offers("country", "hmrc piloted remote inspections.", which)  # initials only in capitals
    where = q("Where was the cargo clinic held?")
    assert holds("place", "Lomé, Togo, hosted the cargo clinic.", where)
    assert holds("place", "The cargo clinic was hosted by Ghana.", where)
    assert holds("place", "The cargo clinic took place at the WCO Headquarters.", where)
    assert not holds("place", "Furthermore, Ghana presented the cargo clinic.", where)
    assert not holds("place", "Ghana, Togo and Benin attended the cargo clinic.", where)


def test_an_unusual_detail_is_answered_and_its_near_miss_twin_is_not(bundled_index):
    from qa import answer

    counted = answer("How many nations were involved in the EAC waste data workshop?", bundled_index)
    assert counted.answerable and 33 in [c.paragraph for c in counted.citations] and "Burundi" in counted.text
    twin = answer("How many exporting companies were involved in the EAC waste data workshop?", bundled_index)
    assert not twin.answerable
    period = answer("Within what period do some administrations want empty containers shipped back out?", bundled_index)
    assert period.answerable and 77 in [c.paragraph for c in period.citations] and "within one year" in period.text
    twin = answer("Within what period must the return-refill container guidelines be finished?", bundled_index)
    assert not twin.answerable


def test_a_number_offered_is_a_figure_and_a_place_offered_is_read_as_the_detail_is():
    how_many = q("How many inspectors joined the scanner course?")
    # a day of a month or a reference is no figure, so the sentence with the count is the one chosen
    assert not offers("number", "The scanner course ran on 3 and 4 May 2023.", how_many)
    assert not offers("number", "The scanner course followed Article 12 of the Convention.", how_many)
    assert offers("number", "Some 40 inspectors joined the scanner course.", how_many)
    where = q("Where will the scanner course be given?")
    assert offers("place", "The course will be given in Hamburg.", where)
    assert offers("place", "Hamburg, Germany, will host the course.", where)
    assert not offers("place", "The course will be given next year.", where)


def test_a_figure_in_another_sentence_of_the_paragraph_answers_a_count(bundled_index):
    from qa import answer

    result = answer("How many were registered for the technology conference in Vietnam?", bundled_index)
    assert result.answerable and "1,200" in result.text and [c.paragraph for c in result.citations][:1] == [10]


def test_an_institution_is_no_person():
    who = q("Which official spoke for the carriers?")
    assert not holds("person", "The Global Shipping Lines Association spoke for the carriers.", who)
    assert not holds("person", "The Asian Development Bank spoke for the carriers.", who)
    assert holds("person", "Mr Tanaka spoke for the carriers.", who)


# What a value is of (tied): each rule with a near-miss twin that must not hold and an answerable twin that must.


def test_a_count_must_count_the_asked_thing():
    question = q("How many customs brokers signed up for the Kenyan pre-clearance trial?")
    assert question.measured == ("brokers", "signed")
    assert holds("count", "Twelve licensed customs brokers had signed up for the trial by March.", question)
    # a count of something else in the same topical sentence
    assert not holds("count", "The Kenyan pre-clearance trial began in 2021 with eight freight forwarders.", question)
    # a share is not a count, even of the asked thing
    assert not holds("count", "Brokers filed 60% of the trial's declarations.", question)
    # the counted noun before a count with nothing after it: "the number of brokers reached 40"
    assert holds("count", "By June the number of registered brokers had reached 40.", question)


def test_a_count_of_people_or_countries_may_be_stated_with_their_kin():
    people = q("How many people attended the Lima workshop on risk profiling?")
    assert holds("count", "Some 70 women and men took part in person.", people)
    assert holds("count", "The workshop gathered 70 participants.", people)
    assert not holds("count", "The workshop ran 70 exercises on risk profiling.", people)
    # a specific word is not stated by a general one: "participants" does not tell how many were women
    women = q("How many women attended the Lima workshop on risk profiling?")
    assert not holds("count", "The workshop gathered 70 participants.", women)
    members = q("How many Members replied to the survey on transit fees?")
    assert holds("count", "Replies came from 31 countries.", members)
    assert not holds("count", "The survey on transit fees had 31 questions.", members)


def test_a_count_of_an_acronym_is_stated_by_its_long_form():
    question = parse_query("How many AEOs joined the embedded officer pilot?")
    question = type(question)(**{**question.__dict__, "measured": ("aeos", "operators")})  # as the glossary adds it
    assert holds("count", "Five Authorized Economic Operators joined the pilot.", question)
    assert not holds("count", "Five Customs officers were embedded in the pilot.", question)


def test_a_share_must_be_of_the_asked_thing():
    question = q("What share of the Ghanaian Customs workforce is female?")
    assert question.measured == ("workforce",)
    assert holds("share", "Women made up 41% of the Ghanaian Customs workforce in 2022.", question)
    assert not holds("share", "Women held 41% of senior management posts in Ghanaian Customs.", question)
    assert not holds("share", "The aim was to raise women's representation in management to 30% by 2030.", question)


def test_an_amount_must_be_of_the_asked_thing():
    threshold = q("What is the de minimis threshold in Chile?")
    assert holds("amount", "Chile's de minimis threshold, in force since 2020, stood at USD 41.", threshold)
    assert not holds("amount", "Chile collected USD 41 million in VAT on small parcels.", threshold)
    revenue = q("How much extra revenue did the reform bring Chile?")
    assert holds("money", "The reform brought Chile some USD 80 million in additional revenue.", revenue)
    assert not holds("money", "The reform lowered the de minimis threshold to USD 41.", revenue)


def test_a_date_must_be_of_the_asked_event():
    question = q("In which year did Ghana conclude its Customs law reform?")
    assert question.measured == ("conclude", "reform")
    assert holds("year", "Ghana concluded its Customs law reform in 2019.", question)
    assert not holds("year", "In 2017, Ghana introduced a new single window.", question)
    deadline = q("By what date must the guide on reusable pallets be finalized?")
    assert holds("date", "The guide on reusable pallets would be finalized by June 2024.", deadline)
    assert not holds("date", "The pallets were covered by the Istanbul Convention of 1990.", deadline)
    # a part of a multi-part question is often answered by reference ("It was concluded in 2019"): any date holds
    parts = q("What did Ghana change in its Customs law, and when did it conclude the reform?")
    assert len(parts.parts) > 1
    assert holds("date", "It was concluded in 2019.", parts)
    assert not tied("date", "In 2017, Ghana introduced a new single window.", parts)  # sentence choice still prefers the tied date


def test_a_question_naming_nothing_to_tie_to_keeps_the_plain_check():
    question = q("How much did the project cost?")
    assert question.measured == ()
    assert holds("money", "Its budget was EUR 2 million.", question)


def test_same_word_matches_inflections_not_neighbours():
    for a, b in [("meeting", "meet"), ("concluded", "conclude"), ("finalization", "finalized"), ("taxes", "tax"), ("CEOs", "CEO"), ("countries", "country")]:
        assert same_word(a, b), (a, b)
    for a, b in [("guidelines", "guidance"), ("seizures", "shipments"), ("partners", "participants")]:
        assert not same_word(a, b), (a, b)


def test_a_who_question_is_answered_by_someone_who_acts_not_by_a_titled_thing():
    # "who" wants an actor: a person, a country, an acronym, or a name whose head is an actor noun
    who = q("Who sponsored the regional seminar?")
    assert who.kind == "who" and who.wants == "name"
    assert offers("name", "The seminar was financed by the Ministry of Finance of a donor.", who)
    assert offers("name", "Support came from the Global Express Association.", who)
    assert offers("name", "Funding came from IDB.", who)
    # a thing with a title, a quoted title and a generic body are no answer to "who"
    assert not offers("name", "At its close, participants launched the “Network of Border Women”.", who)
    assert not offers("name", "The Secretariat had drafted an outline of the Green Customs Action Plan.", who)
    org = q("Which organisation offered to host the pilot?")
    assert org.kind == "who" and org.wants == "name"
    assert offers("name", "The Observer for the World Shipping Council offered to host it.", org)
    assert not offers("name", "The pilot would follow the “Ports of Tomorrow” programme.", org)


def test_a_question_asking_which_city_or_venue_wants_a_place_on_the_map():
    venue = q("Which venue hosted the border-management seminar in May?")
    assert venue.kind == "where" and venue.wants == "place" and venue.detail == "place"
    assert holds("place", "The seminar took place in Arusha, Tanzania, in May.", venue)
    assert not holds("place", "The seminar's outcomes are presented in Annex IV to Doc. PC0999.", venue)
    town = q("Which small town hosted the customs laboratory launch?")
    assert not holds("place", "The launch is described in Annex II to the report.", town)
