"""The question's language (English, French or Spanish) and its English cues: question words, decision wording, acronyms, domain terms."""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("en", "fr", "es")

# Acronyms that differ between languages, mapped to the English ones the reports use. Matched as
# whole upper-case tokens only ("UE", not "ue"), so ordinary words are never taken for them.
ACRONYMS: dict[str, dict[str, str]] = {
    "fr": {
        "CTP": "PTC", "OMD": "WCO", "UE": "EU", "OEA": "AEO", "OMC": "WTO", "AFE": "TFA", "ONU": "UN", "GCF": "CBM",
        "PDSL": "LLDC", "PDSLS": "LLDCs", "PMA": "LDCs", "CNUCED": "UNCTAD", "OCDE": "OECD", "OACI": "ICAO",
        "OMI": "IMO", "FMI": "IMF", "CCI": "ICC", "UPU": "UPU", "APEC": "APEC", "CEE-ONU": "UNECE",
        "GTFP": "PFCWG", "DDP": "DDP", "TIR": "TIR", "ERD": "TRS", "SH": "HS", "CdF": "FoS", "IA": "AI",
        "É.-U.": "US", "E.-U.": "US", "R.-U.": "UK",
    },
    "es": {
        "CTP": "PTC", "OMA": "WCO", "OMD": "WCO", "UE": "EU", "OEA": "AEO", "OMC": "WTO", "AFC": "TFA", "GCF": "CBM",
        "AFE": "TFA", "ONU": "UN", "PDSL": "LLDC", "PMA": "LDCs", "UNCTAD": "UNCTAD", "OCDE": "OECD",
        "OACI": "ICAO", "OMI": "IMO", "FMI": "IMF", "CCI": "ICC", "UPU": "UPU", "APEC": "APEC", "SA": "HS",
        "EE.UU.": "US", "EEUU": "US", "EE. UU.": "US", "IA": "AI", "ETD": "TRS", "MN": "FoS",
    },
}

# Question openings and decision wording, most specific first (matched on lower-case text without
# accents). Their English is what `index.query` and `qa.answer_type` recognise.
_PHRASES: dict[str, list[tuple[str, str]]] = {
    "fr": [
        (r"qu'?est[- ]ce que(?: c'est que)?", "what is"),
        (r"qu'?est[- ]ce qu'", "what is "),
        (r"que (?:signifie|veut dire|designe)", "what does mean"),
        (r"que sont", "what are"),
        (r"qu'?a(?:-t-(?:il|elle|on))? (decide|conclu|approuve|adopte|entérine|enterine|convenu|recommande|demande)",
         r"what did \1"),
        (r"qu'?ont (decide|conclu|approuve|adopte|convenu|recommande|demande|appris|constate|presente)", r"what did \1"),
        (r"qu'?a(?:-t-(?:il|elle|on))?", "what did"),
        (r"qu'?ont", "what did"),
        (r"y a[- ]t[- ]il eu|y a[- ]t[- ]il", "was there"),
        (r"(?:a |ont )?pris note|prend note|prendre note|(?:a |ont )?pris acte", "took note"),
        (r"a[- ]t[- ](?:il|elle|on)", "did"),
        (r"ont[- ](?:ils|elles)", "did"),
        (r"est[- ](?:il|elle|ce)", "is"),
        (r"combien de (?:temps)", "how long"),
        (r"combien de (?:fois)", "how often"),
        (r"combien de", "how many"),
        (r"combien d'", "how many "),
        (r"combien", "how much"),
        (r"quelle part|quel pourcentage|quelle proportion", "what share"),
        (r"quelle taille", "what size"),
        (r"quelle cible|quel objectif", "what target"),
        (r"quel(?:le)?s? (?:pays|membres?)", "which country"),
        (r"quelle date|quel jour|quelle annee", "what date"),
        (r"(?:quel|quelle|quels|quelles)(?: (?:est|sont|etait|etaient))?", "what"),
        (r"a quel (?:moment|endroit)", "when"),
        (r"ou et quand", "where and when"),
        (r"(?:a|aura|auront|ont) lieu|se tiendra|se tiendront|se tient|se tiennent", "will be held"),
        (r"qui", "who"),
        (r"quand", "when"),
        (r"ou(?= (?:et|a|se|sera|seront|aura|auront|doit|doivent))", "where"),
        (r"pourquoi", "why"),
        (r"comment", "how"),
    ],
    "es": [
        (r"que (?:significa|quiere decir|designa)", "what does mean"),
        (r"a que se refiere", "what is"),
        (r"que (decidio|decidieron|concluyo|concluyeron|aprobo|aprobaron|adopto|acordo|acordaron|recomendo|pidio|solicito)",
         r"what did \1"),
        (r"que (?:es|son|era)", "what is"),
        (r"tomo nota|tomaron nota|toma nota|tomar nota", "took note"),
        (r"cuanto tiempo", "how long"),
        (r"cuantas veces", "how often"),
        (r"cuant(?:os|as)", "how many"),
        (r"cuant(?:o|a)", "how much"),
        (r"que (?:porcentaje|proporcion|parte)", "what share"),
        (r"que (?:tamano)", "what size"),
        (r"que (?:meta|objetivo)", "what target"),
        (r"(?:que|cual(?:es)?) (?:pais(?:es)?|miembros?)", "which country"),
        (r"que (?:fecha|dia|ano)", "what date"),
        (r"quien(?:es)?", "who"),
        (r"cuando", "when"),
        (r"donde", "where"),
        (r"por que", "why"),
        (r"como", "how"),
        (r"cual(?:es)?(?: (?:es|son|fue|fueron))?", "what"),
        (r"que", "what"),
        (r"hubo", "was there"),
    ],
}

# Domain words and phrases, most specific first: the vocabulary of customs meetings, written for
# the topics such reports treat (not for particular questions). Keys are lower case without accents.
_TERMS: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("de minimis", "de minimis"),
        ("commerce electronique", "e-commerce"), ("e-commerce", "e-commerce"),
        ("facilitation des echanges", "trade facilitation"), ("accord sur la facilitation des echanges", "trade facilitation agreement"),
        ("douanes vertes", "green customs"), ("douane verte", "green customs"), ("plan d'action", "action plan"),
        ("dechets plastiques", "plastic waste"), ("dechets electroniques", "e-waste"), ("dechets", "waste"),
        ("emballages", "packings"), ("conteneurs", "containers"), ("reutilisables", "return-refill"), ("remplissables", "refill"),
        ("envois de faible valeur", "low-value consignments"), ("faible valeur", "low-value"), ("petits colis", "small parcels"),
        ("colis", "parcels"), ("envois", "shipments consignments"), ("seuil", "threshold"), ("exoneration", "exemption"),
        ("franchise", "exemption"), ("droits de douane", "duties"), ("droits", "duties"), ("taxes", "taxes"), ("taxer", "tax"),
        ("tva", "VAT"), ("plateformes", "platforms"), ("plateforme", "platform"), ("places de marche", "marketplaces"),
        ("marketplaces", "marketplaces"), ("vendeurs", "vendors sellers"), ("achats en ligne", "online purchases"), ("en ligne", "online"),
        ("groupe de travail", "working group"), ("equipe de projet", "project team"), ("groupe de projet", "project team"),
        ("facilitation du passage des voyageurs", "passenger facilitation"), ("voyageurs", "passengers travellers"), ("passagers", "passengers"),
        ("modele de donnees", "data model"), ("donnees", "data"), ("projets pilotes", "pilots"), ("projet pilote", "pilot"),
        ("pilotes", "pilots"), ("pilote", "pilot"), ("reseau mondial", "globally networked"), ("douane en reseau", "networked customs"),
        ("gestion coordonnee des frontieres", "coordinated border management"), ("recueil", "compendium"), ("compendium", "compendium"),
        ("certificats d'origine", "certificates of origin"), ("origine", "origin"), ("etude de faisabilite", "feasibility study"),
        ("chaine de blocs", "blockchain"), ("blockchain", "blockchain"), ("note conceptuelle", "concept paper note"),
        ("document conceptuel", "concept paper"), ("frontieres fragiles", "fragile borders"), ("frontieres", "borders"), ("frontiere", "border"),
        ("zones fragiles", "fragile borders"), ("drones", "drones"), ("imagerie satellitaire", "satellite imagery"),
        ("cooperation douane-port", "customs-port cooperation"), ("douane-port", "customs-port"), ("ports", "ports"), ("portuaires", "port"),
        ("aeroportuaires", "airport"), ("aeroports", "airports"), ("compagnies aeriennes", "airlines"), ("transporteurs", "carriers"),
        ("lignes directrices", "guidelines"), ("directives", "guidelines"), ("guide", "guide"), ("resilience", "resilience"),
        ("etude sur le temps necessaire pour la mainlevee", "time release study"), ("temps de mainlevee", "release time"),
        ("mainlevee", "release"), ("inclusion", "inclusiveness"), ("egalite des genres", "gender equality"),
        ("femmes", "women"), ("femme", "women"), ("genre", "gender"), ("commerce", "trade"), ("echanges", "trade"),
        ("reunions futures", "future meetings"), ("prochaine reunion", "next meeting"), ("reunion", "meeting"), ("reunions", "meetings"),
        ("session", "session"), ("conference", "conference"), ("atelier", "workshop"), ("evenements a venir", "upcoming events"),
        ("evenements", "events"), ("ordre du jour", "agenda"), ("point", "item"), ("rapport", "report"), ("rapports", "reports"),
        ("programme de travail", "work programme"), ("secretariat", "Secretariat"), ("secretaire general", "Secretary General"),
        ("comite", "Committee"), ("membres", "Members"), ("membre", "Member"), ("delegues", "delegates"), ("participants", "participants"),
        ("personnes", "people"), ("sur place", "on site"), ("ont participe", "participated took part"), ("participe", "attended"),
        ("participation", "participation"), ("presente", "presented"), ("presentes", "presented"), ("presentation", "presentation"),
        ("expose", "presentation"), ("exposes", "presentations"), ("discours d'ouverture", "opening remarks"),
        ("allocution d'ouverture", "opening remarks"), ("ouverture", "opening"), ("cloture", "closing"),
        ("observations finales", "closing remarks"), ("remarques", "remarks"),
        ("experience", "experience"), ("partage", "shared"), ("mise en oeuvre", "implementation"), ("reforme", "reform"),
        ("union douaniere", "customs union"), ("union europeenne", "European Union EU"), ("douane", "customs"), ("douanes", "customs"),
        ("douanier", "customs"), ("douaniere", "customs"), ("douaniers", "customs"), ("administrations", "administrations"),
        ("detaches techniques", "technical attaches"), ("attaches techniques", "technical attaches"), ("detache", "seconded"),
        ("conference mondiale", "global conference"), ("technologie", "technology"), ("technologies", "technology"),
        ("decide", "decided"), ("decision", "decision"), ("decisions", "decisions"), ("conclu", "concluded"),
        ("conclusion", "conclusion"), ("conclusions", "conclusions"), ("approuve", "approved"), ("approuver", "approve"),
        ("adopte", "adopted"), ("adopter", "adopt"), ("entérine", "endorsed"), ("enterine", "endorsed"), ("avalise", "endorsed"),
        ("soutenu", "supported backed"), ("appuye", "supported backed"), ("convenu", "agreed"), ("accepte", "agreed"),
        ("recommande", "recommended"), ("resultat", "outcome"), ("issue", "outcome"), ("demande", "asked"),
        ("mis a jour", "updated"), ("mise a jour", "update"), ("mises a jour", "updates"), ("actualise", "updated"),
        ("reviser", "review"), ("revision", "review"), ("examen", "review"), ("nouvel outil", "new tool"), ("outil", "tool"),
        ("projet de", "draft"), ("projets", "projects"), ("projet", "project"), ("avenir", "future"), ("futur", "future"), ("prochaine", "next"), ("prochain", "next"),
        ("dissous", "wound up disbanded"), ("supprime", "abolished"), ("supprimer", "abolish scrap"), ("suppression", "abolishment"),
        ("enseignements", "lessons"), ("lecons", "lessons"), ("problemes", "problems"), ("risques", "risks"),
        ("pays en developpement sans littoral", "landlocked developing countries LLDCs"), ("sans littoral", "landlocked"),
        ("nations unies", "United Nations UN"), ("organisation mondiale des douanes", "WCO"),
        ("etats-unis", "United States US"), ("americains", "US"), ("americain", "US"), ("norvege", "Norway"), ("norvegiens", "Norway"),
        ("norvegienne", "Norway"), ("indonesie", "Indonesia"), ("royaume-uni", "United Kingdom UK"), ("britanniques", "United Kingdom UK"),
        ("britannique", "United Kingdom UK"), ("turquie", "Turkiye"), ("bruxelles", "Brussels EU"), ("japon", "Japan"), ("chine", "China"),
        ("canada", "Canada"), ("viet nam", "Viet Nam"), ("vietnam", "Viet Nam"), ("bresil", "Brazil"), ("allemagne", "Germany"),
        ("inde", "India"), ("australie", "Australia"), ("mexique", "Mexico"), ("nigeria", "Nigeria"), ("egypte", "Egypt"),
        ("pays", "countries"), ("region", "region"), ("regions", "regions"), ("regional", "regional"), ("mondial", "global"),
        ("echange de donnees", "data exchange"), ("echange", "exchange"), ("contrefacons", "counterfeit"), ("saisies", "seizures"),
        ("stupefiants", "drugs"), ("trafic", "trafficking"), ("classement", "classification"), ("valeur en douane", "customs value"),
        ("redevances", "royalties"), ("droits de licence", "licence fees"), ("budget", "budget"), ("emissions", "emissions"),
        ("carbone", "carbon"), ("president", "Chairperson"), ("presidente", "Chairperson"), ("elu", "elected"),
        ("velos electriques", "electric bicycles"), ("cryptoactifs", "crypto-assets"), ("crypto-actifs", "crypto-assets"),
        ("timbres fiscaux", "excise stamps"), ("tabac", "tobacco"), ("accords de reconnaissance mutuelle", "mutual recognition arrangements"),
        ("en vigueur", "in force"), ("moyenne", "average"), ("confiance", "trust"), ("ecosysteme", "ecosystem"),
        ("oparateurs", "operators"), ("operateurs economiques agrees", "authorised economic operators"), ("operateurs", "operators"),
        ("mesure de la performance", "performance measurement"), ("mecanisme", "mechanism"), ("survey", "survey"),
        ("enquete", "survey"), ("economies", "economies"), ("repondu", "answered responded"), ("ressources", "resources"),
        ("jours", "days"), ("jour supplementaire", "extra day"), ("jour", "day"), ("ans", "years"), ("annees", "years"),
        ("code tarifaire", "tariff code"), ("chiffres", "digits"), ("transactions", "transactions"), ("declarations", "declarations"),
        ("articles", "items"), ("jeu de donnees", "dataset"), ("reduit", "reduced"), ("agents", "officers"), ("officiers", "officers"),
        ("quitte", "quit leave"), ("demissionnent", "quit"), ("application de la loi", "law enforcement"), ("postes frontaliers", "border posts"),
        ("poste frontalier", "border post"), ("guichet unique", "single window"), ("voisins", "neighbours"), ("forum unique", "single forum"),
        ("modes de transport", "transport modes"), ("lancees", "launched"), ("lance", "launched"), ("lancement", "launch"),
        ("origine", "origin"), ("vie privee", "privacy"), ("confidentialite", "privacy"), ("effacer", "erase wipe"),
        ("moins chere", "cheaper"), ("moins cher", "cheaper"), ("vaut", "worth"), ("cout", "cost"),
    ],
    "es": [
        ("de minimis", "de minimis"),
        ("comercio electronico", "e-commerce"), ("e-commerce", "e-commerce"),
        ("acuerdo sobre facilitacion del comercio", "trade facilitation agreement"), ("facilitacion del comercio", "trade facilitation"),
        ("aduanas verdes", "green customs"), ("aduana verde", "green customs"), ("plan de accion", "action plan"),
        ("residuos plasticos", "plastic waste"), ("residuos electronicos", "e-waste"), ("residuos", "waste"), ("desechos", "waste"),
        ("embalajes", "packings"), ("envases", "packings containers"), ("contenedores", "containers"), ("reutilizables", "return-refill"),
        ("envios de bajo valor", "low-value consignments"), ("bajo valor", "low-value"), ("paquetes pequenos", "small parcels"),
        ("paquetes", "parcels"), ("envios", "shipments consignments"), ("umbral", "threshold"), ("exencion", "exemption"),
        ("franquicia", "exemption"), ("derechos de aduana", "duties"), ("derechos", "duties"), ("aranceles", "duties tariff"),
        ("impuestos", "taxes"), ("gravar", "tax"), ("iva", "VAT"), ("plataformas", "platforms"), ("plataforma", "platform"),
        ("mercados en linea", "online marketplaces"), ("vendedores", "vendors sellers"), ("compras en linea", "online purchases"),
        ("en linea", "online"), ("grupo de trabajo", "working group"), ("equipo de proyecto", "project team"),
        ("facilitacion de pasajeros", "passenger facilitation"), ("pasajeros", "passengers"), ("viajeros", "travellers passengers"),
        ("modelo de datos", "data model"), ("datos", "data"), ("proyectos piloto", "pilots"), ("proyecto piloto", "pilot"),
        ("pilotos", "pilots"), ("piloto", "pilot"), ("aduanas en red", "networked customs"), ("red mundial", "globally networked"),
        ("gestion coordinada de fronteras", "coordinated border management"), ("compendio", "compendium"),
        ("certificados de origen", "certificates of origin"), ("origen", "origin"), ("estudio de viabilidad", "feasibility study"),
        ("estudio de factibilidad", "feasibility study"), ("cadena de bloques", "blockchain"), ("blockchain", "blockchain"),
        ("nota conceptual", "concept note"), ("documento conceptual", "concept paper"), ("fronteras fragiles", "fragile borders"),
        ("fronteras", "borders"), ("frontera", "border"), ("drones", "drones"), ("imagenes satelitales", "satellite imagery"),
        ("aduana-puerto", "customs-port"), ("puertos", "ports"), ("portuarias", "port"), ("aeroportuarias", "airport"),
        ("aeropuertos", "airports"), ("aerolineas", "airlines"), ("transportistas", "carriers"), ("directrices", "guidelines"),
        ("lineas directrices", "guidelines"), ("pautas", "guidelines"), ("guia", "guide"), ("resiliencia", "resilience"),
        ("estudio del tiempo de despacho", "time release study"), ("tiempo de despacho", "release time"), ("despacho", "release"),
        ("inclusion", "inclusiveness"), ("igualdad de genero", "gender equality"), ("mujeres", "women"), ("mujer", "women"),
        ("genero", "gender"), ("comercio", "trade"), ("futuras reuniones", "future meetings"), ("proxima reunion", "next meeting"),
        ("reunion", "meeting"), ("reuniones", "meetings"), ("sesion", "session"), ("conferencia", "conference"), ("taller", "workshop"),
        ("proximos eventos", "upcoming events"), ("eventos", "events"), ("orden del dia", "agenda"), ("punto", "item"),
        ("informe", "report"), ("informes", "reports"), ("programa de trabajo", "work programme"), ("secretaria", "Secretariat"),
        ("secretario general", "Secretary General"), ("comite", "Committee"), ("miembros", "Members"), ("miembro", "Member"),
        ("delegados", "delegates"), ("participantes", "participants"), ("personas", "people"), ("presencialmente", "on site"),
        ("participaron", "took part participated"), ("asistieron", "attended"), ("presento", "presented"), ("presentaron", "presented"),
        ("presentacion", "presentation"), ("presentaciones", "presentations"), ("discurso de apertura", "opening remarks"),
        ("palabras de apertura", "opening remarks"), ("apertura", "opening"), ("clausura", "closing"),
        ("palabras de clausura", "closing remarks"), ("observaciones", "remarks"), ("experiencia", "experience"),
        ("compartio", "shared"), ("aplicacion", "implementation"), ("implementacion", "implementation"), ("reforma", "reform"),
        ("union aduanera", "customs union"), ("union europea", "European Union EU"), ("aduana", "customs"), ("aduanas", "customs"),
        ("aduanero", "customs"), ("aduanera", "customs"), ("aduaneros", "customs"), ("administraciones", "administrations"),
        ("agregados tecnicos", "technical attaches"), ("adscribieron", "seconded"), ("conferencia mundial", "global conference"),
        ("tecnologia", "technology"), ("decidio", "decided"), ("decidieron", "decided"), ("decision", "decision"),
        ("decisiones", "decisions"), ("concluyo", "concluded"), ("conclusion", "conclusion"), ("conclusiones", "conclusions"),
        ("aprobo", "approved"), ("aprobado", "approved"), ("aprobada", "approved"), ("aprobar", "approve"), ("adopto", "adopted"),
        ("adoptado", "adopted"), ("adoptada", "adopted"), ("respaldo", "endorsed backed"), ("refrendo", "endorsed"),
        ("apoyo", "supported backed"), ("acordo", "agreed"), ("acordaron", "agreed"), ("recomendo", "recommended"),
        ("recomendado", "recommended"), ("resultado", "outcome"), ("pidio", "asked"), ("solicito", "asked requested"),
        ("actualizado", "updated"), ("actualizada", "updated"), ("actualizacion", "update"), ("actualizaciones", "updates"),
        ("actualizar", "update"), ("revisar", "review"), ("revision", "review"), ("examen", "review"), ("nueva herramienta", "new tool"),
        ("herramienta", "tool"), ("proyecto de", "draft"), ("proyectos", "projects"), ("proyecto", "project"), ("futuro", "future"), ("proxima", "next"), ("proximo", "next"),
        ("disuelto", "wound up disbanded"), ("suprimir", "abolish scrap"), ("eliminar", "abolish scrap"), ("supresion", "abolishment"),
        ("lecciones", "lessons"), ("problemas", "problems"), ("riesgos", "risks"),
        ("paises en desarrollo sin litoral", "landlocked developing countries LLDCs"), ("sin litoral", "landlocked"),
        ("naciones unidas", "United Nations UN"), ("organizacion mundial de aduanas", "WCO"),
        ("estados unidos", "United States US"), ("estadounidenses", "US"), ("estadounidense", "US"), ("noruega", "Norway"),
        ("noruegos", "Norway"), ("indonesia", "Indonesia"), ("reino unido", "United Kingdom UK"), ("britanicos", "United Kingdom UK"),
        ("britanico", "United Kingdom UK"), ("turquia", "Turkiye"), ("bruselas", "Brussels EU"), ("japon", "Japan"), ("china", "China"),
        ("canada", "Canada"), ("vietnam", "Viet Nam"), ("brasil", "Brazil"), ("alemania", "Germany"), ("india", "India"),
        ("australia", "Australia"), ("mexico", "Mexico"), ("paises", "countries"), ("pais", "country"), ("region", "region"),
        ("regiones", "regions"), ("regional", "regional"), ("mundial", "global"), ("intercambio de datos", "data exchange"),
        ("intercambio", "exchange"), ("falsificaciones", "counterfeit"), ("incautaciones", "seizures"), ("drogas", "drugs"),
        ("trafico", "trafficking"), ("clasificacion", "classification"), ("valor en aduana", "customs value"), ("regalias", "royalties"),
        ("derechos de licencia", "licence fees"), ("presupuesto", "budget"), ("emisiones", "emissions"), ("carbono", "carbon"),
        ("presidente", "Chairperson"), ("presidenta", "Chairperson"), ("elegido", "elected"), ("elegida", "elected"),
        ("bicicletas electricas", "electric bicycles"), ("criptoactivos", "crypto-assets"), ("timbres fiscales", "excise stamps"),
        ("tabaco", "tobacco"), ("acuerdos de reconocimiento mutuo", "mutual recognition arrangements"), ("en vigor", "in force"),
        ("promedio", "average"), ("confianza", "trust"), ("ecosistema", "ecosystem"), ("operadores economicos autorizados",
        "authorised economic operators"), ("operadores", "operators"), ("medicion del desempeno", "performance measurement"),
        ("mecanismo", "mechanism"), ("encuesta", "survey"), ("economias", "economies"), ("respondieron", "answered responded"),
        ("recursos", "resources"), ("dias", "days"), ("dia adicional", "extra day"), ("dia", "day"), ("anos", "years"),
        ("codigo arancelario", "tariff code"), ("digitos", "digits"), ("transacciones", "transactions"), ("declaraciones", "declarations"),
        ("partidas", "items"), ("conjunto de datos", "dataset"), ("reducido", "reduced"), ("funcionarias", "officers"),
        ("funcionarios", "officers"), ("agentes", "officers"), ("renuncian", "quit"), ("abandonan", "quit leave"),
        ("aplicacion de la ley", "law enforcement"), ("puestos fronterizos", "border posts"), ("puesto fronterizo", "border post"),
        ("ventanilla unica", "single window"), ("vecinos", "neighbours"), ("foro unico", "single forum"),
        ("modos de transporte", "transport modes"), ("lanzaran", "launched"), ("lanzamiento", "launch"), ("privacidad", "privacy"),
        ("borrar", "erase wipe"), ("mas barata", "cheaper"), ("mas barato", "cheaper"), ("vale la pena", "worth"), ("costo", "cost"),
    ],
}

# Function words of each language: they carry no topic and never match the English text.
_STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """
        le la les l un une des du de d au aux a à et ou en dans sur sous par pour avec sans ce cet cette ces
        son sa ses leur leurs il elle ils elles on y se s qu que qui quoi dont est sont etait etaient ete
        etre a-t-il t il ne pas plus lors entre vers chez apres avant pendant aupres sujet propos concernant
        quant egard matiere cadre afin selon tout tous toute toutes autre autres meme deja aussi encore tres
        ont eu avait avaient fait faire lui eux nous vous je tu mon ma mes notre nos votre vos c
        """.split()
    ),
    "es": frozenset(
        """
        el la los las lo un una unos unas de del al a y e o u en sobre por para con sin este esta estos estas
        ese esa esos esas su sus se que quien cual es son fue fueron era eran ser ha han habia no mas entre
        hacia durante tras ante respecto acerca cuanto tema relacion marco segun todo todos toda todas otro
        otra otros otras mismo ya tambien muy le les nos me te mi mis nuestro nuestra
        """.split()
    ),
}

_NOTES = {
    "fr": "Les citations sont tirées du rapport, rédigé en anglais.",
    "es": "Las citas proceden del informe, redactado en inglés.",
}
_NOT_ANSWERED = {
    "fr": "Les rapports ne répondent pas à cette question.",
    "es": "Los informes no responden a esta pregunta.",
}


@dataclass(frozen=True)
class Analysis:
    """A question's language and its English cues (the question itself when it is in English)."""

    language: str  # "en", "fr" or "es"
    english: str  # question words, decision wording, acronyms and known terms in English; other words kept


def analyse(question: str) -> Analysis:
    """The language of a question and its English cues, for ranking and answer composition.

    Args:
        question: the user's question.

    Returns:
        Analysis(language, english): for "Qu'a décidé le CTP au sujet du seuil de minimis ?",
        ("fr", "what did decided PTC threshold de minimis?").
    """
    language = detect_language(question)
    if language == "en":
        return Analysis("en", question)
    return Analysis(language, english_cues(question, language))


def english_cues(question: str, language: str) -> str:
    """The question rewritten word by word into English cues (unknown words kept, function words dropped).

    Args:
        question: a French or Spanish question.
        language: "fr" or "es".

    Returns:
        The English cues, ending with "?" when the question did.
    """
    acronyms = ACRONYMS[language]
    tokens = []
    for token in question.replace("’", "'").replace("EE. UU.", "EE.UU.").split():
        bare = token.strip("¿?¡!,;:()«»\"'").rpartition("'")[2]  # "l'OMD" -> "OMD"
        for part in sorted(set(re.split(r"[-/]", bare)) | {bare}, key=len, reverse=True):  # "OMD-UPU"
            english = _dotless(language).get(part.replace(".", ""))
            if english and _is_acronym(part) and part.rstrip(".") in token:
                token = token.replace(part.rstrip("."), english).replace(english + ".", english)
        tokens.append(token.strip("¿¡"))
    text = " ".join(tokens)
    # Acronyms now in English are protected from the lower-casing below by their own pattern.
    # Upper-case tokens are acronyms, and the reports use them in English: kept as they are.
    kept = set(acronyms.values())
    words = text.split()
    kept |= {w.strip("?.,;:!").split("'")[-1] for w in words if _is_acronym(w.strip("?.,;:!").split("'")[-1])}
    lowered = " ".join(w if w.strip("?.,;:!").split("'")[-1] in kept else _fold(w) for w in words)
    lowered = re.sub(r"[¿¡«»\"]", " ", lowered)
    for pattern, english in _compiled_phrases(language):
        lowered = pattern.sub(english, lowered)
    for pattern, english in _compiled_terms(language):
        # Terms come out protected (⟦…⟧): never translated twice nor taken for function words.
        pieces = re.split(r"(⟦[^⟧]*⟧)", lowered)
        lowered = "".join(p if p.startswith("⟦") else pattern.sub(f" ⟦{english}⟧ ", p) for p in pieces)
    stop = _STOPWORDS[language]
    out = []
    for piece in re.split(r"(⟦[^⟧]*⟧)", lowered):
        if piece.startswith("⟦"):
            out.extend(piece[1:-1].split())
            continue
        for word in piece.split():
            bare = word.strip("?.,;:!'")
            elided = bare.split("'")[-1]
            if elided and (elided in kept or elided not in stop):
                out.append(elided)
    cues = " ".join(w for w in out if w.strip("?"))
    cues = cues.replace(" ?", "?").rstrip("?").strip()
    return cues + "?" if question.rstrip().endswith("?") else cues


@lru_cache(maxsize=None)
def _dotless(language: str) -> dict[str, str]:
    """The acronym map keyed without dots ("EE.UU." and "EE.UU" are one acronym)."""
    return {k.replace(".", ""): v for k, v in ACRONYMS[language].items()}


def _is_acronym(token: str) -> bool:
    """Whether a token is written as an acronym ("CTP", "EE.UU.", "SEED+", "É.-U.")."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _fold(text: str) -> str:
    """Lower case without accents ("Décidé" -> "decide")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def _compiled_phrases(language: str) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"(?<![\w-]){p}" + ("" if p.endswith("'") else r"(?![\w-])")), e) for p, e in _PHRASES[language]]


@lru_cache(maxsize=None)
def _compiled_terms(language: str) -> list[tuple[re.Pattern[str], str]]:
    terms = sorted(_TERMS[language], key=lambda pair: -len(pair[0]))  # longest phrase first
    return [(re.compile(rf"(?<![\w-]){re.escape(_fold(p))}(?![\w-])"), e) for p, e in terms]


def answer_note(language: str) -> str:
    """The sentence that says, in the question's language, that quotes come from the English report ("" for English)."""
    return _NOTES.get(language, "")


def not_answered(language: str) -> str:
    """"The reports do not answer" in the question's language ("" for English: qa's own sentence is used)."""
    return _NOT_ANSWERED.get(language, "")


# --- detection ------------------------------------------------------------------------------

_DETECTOR: list[object] = []
_DETECTOR_LOCK = threading.Lock()
# Words that settle the language of a short question on their own.
_MARKERS = {
    "fr": re.compile(r"(?i)\b(qu'|que|signifie|veut|quel(le)?s?|qui|quand|combien|pourquoi|est-ce|a-t-(il|elle)|été|décidé|ont|sont|où|les|des|du|au|aux|l'|d')(?=\W|$)"),
    "es": re.compile(r"(?i)(¿|\b(que|qué|significa|quién(es)?|cuándo|cuánt[oa]s?|cómo|dónde|cuál(es)?|decidió|aprobó|tomó|los|las|del|el)\b)"),
}
_ENGLISH = re.compile(r"(?i)\b(what|who|when|which|how|did|does|the|was|were|is|are|of|on)\b")


def detect_language(question: str) -> str:
    """Whether a question is in English, French or Spanish ("en" when unsure).

    A library detector (lingua, restricted to the three languages) decides; a question of acronyms
    only ("DMPT?") or one the detector is unsure of stays English, the language of the reports.

    Args:
        question: the user's question.

    Returns:
        "en", "fr" or "es".
    """
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", question) if not w.isupper()]
    if not words:
        return "en"
    text = " ".join(words)
    detected = _detector().detect_language_of(text)
    language = {"FRENCH": "fr", "SPANISH": "es"}.get(getattr(detected, "name", ""), "en")
    if language != "en" and not _MARKERS[language].search(question):
        if len(words) <= 2 or _ENGLISH.search(question):
            # one or two words, or an English function word ("Fill me in on e-commerce.") and no word
            # of the other language: too little to leave English, the language of the reports
            return "en"
    if language == "en" and not _ENGLISH.search(question):
        # lingua was unsure between close scores; a clear marker of the other languages decides
        for other in ("fr", "es"):
            if len(_MARKERS[other].findall(question)) >= 2:
                return other
    return language


def _detector():
    """The lingua detector for English, French and Spanish, built once (its models load on first use)."""
    with _DETECTOR_LOCK:
        if not _DETECTOR:
            from lingua import Language, LanguageDetectorBuilder

            _DETECTOR.append(
                LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH, Language.SPANISH)
                .with_minimum_relative_distance(0.05)
                .build()
            )
        return _DETECTOR[0]


def warm_up() -> None:
    """Load the detector's language models now (the first detection otherwise pays for it)."""
    detect_language("Qu'a décidé le Comité ? ¿Qué decidió el Comité?")
