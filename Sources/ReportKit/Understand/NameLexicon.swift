/// Word lists the entity recogniser needs, per language where it matters. Data, not rules.
enum NameLexicon {
    /// Capitalised at the start of a sentence but not names.
    static let commonCapitalized: WordSet = [
        // French
        "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "ce", "cet", "cette", "ces", "il", "elle", "ils",
        "elles", "on", "nous", "vous", "je", "j'", "mais", "et", "ou", "donc", "or", "ni", "car", "si", "selon", "en", "dans",
        "pour", "par", "sur", "avec", "sans", "sous", "apres", "avant", "depuis", "pendant", "lors", "comme", "quand",
        "alors", "ainsi", "aussi", "pourtant", "cependant", "toutefois", "neanmoins", "enfin", "outre", "grace", "face",
        "qui", "que", "qu'", "quoi", "quel", "quelle", "quels", "quelles", "ou", "comment", "pourquoi", "combien", "c'est",
        "c'", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "tout", "tous",
        "toute", "toutes", "chaque", "plusieurs", "certains", "certaines", "d'autres", "autre", "autres", "meme", "plus",
        "moins", "tres", "deja", "encore", "aujourd'hui", "hier", "demain", "desormais", "actuellement", "recemment",
        "puis", "ensuite", "egalement", "notamment", "surtout", "bien", "oui", "non", "a", "au", "aux", "y", "ne", "n'",
        "s'", "est", "sont", "ont", "a-t-il", "le mois", "rupture", "entre", "vers", "chez", "contre", "malgre", "parmi",
        "voici", "voila", "certes", "d'abord", "reste", "resultat", "objectif", "bref", "impossible", "qui", "ceux",
        "celui", "celle", "celles", "lequel", "laquelle", "dont", "il y a", "mi", "fin", "debut", "lundi", "mardi",
        "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "premier", "premiere", "deux", "trois", "dernier",
        "derniere", "nouveau", "nouvelle", "grand", "grande", "petit", "petite", "fonde", "fondee", "les analystes",
        "cela", "ceci", "ca", "chacun", "chacune", "personne", "rien", "nul", "aucun", "aucune", "beaucoup", "lui", "eux",
        "l'entreprise", "l'homme", "l'autorite", "l'operation", "l'accord", "l'annonce", "l'ia", "l'idee", "l'etat",
        "everyone", "nobody", "nothing", "someone", "something", "everything", "one", "none", "each",
        // English
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his",
        "her", "their", "our", "my", "your", "but", "and", "or", "so", "yet", "if", "when", "while", "as", "at", "in", "on",
        "of", "for", "from", "with", "by", "to", "into", "after", "before", "since", "during", "according", "under",
        "over", "about", "there", "here", "what", "why", "how", "who", "which", "where", "details", "of note",
        "meanwhile", "however", "also", "still", "now", "today", "yesterday", "tomorrow", "last", "next", "some",
        "many", "most", "more", "less", "other", "another", "each", "every", "all", "both", "such", "only", "just",
        "even", "already", "earlier", "later", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should",
        "be", "been", "not", "no", "yes", "big", "new", "first", "one", "two", "three", "why it matters",
        "the big picture", "go deeper", "between", "against", "among", "despite", "through", "than", "then",
    ]

    /// Verbs that, right after a capitalised first word, show that word is the subject's name.
    static let auxiliaries: WordSet = [
        "a", "ont", "avait", "aura", "annonce", "devrait", "pourrait", "vient", "compte", "prevoit", "has", "have", "had",
        "said", "says", "announced", "plans", "will", "would", "reported", "raised", "launched", "acquired",
    ]

    /// Capitalised words that are common nouns, acronyms or adjectives, never names by themselves.
    static let notNames: WordSet = [
        "ia", "ai", "llm", "llms", "gpu", "gpus", "cpu", "cpus", "api", "apis", "ceo", "pdg", "cfo", "cto", "coo", "dg",
        "pib", "gdp", "tva", "ipo", "saas", "r&d", "ong", "ngo", "etat", "etats", "state", "states", "internet", "web",
        "american", "americain", "americaine", "chinese", "chinois", "chinoise", "french", "francais", "francaise",
        "european", "europeen", "europeenne", "british", "britannique", "german", "allemand", "japanese", "japonais",
        "swedish", "suedois", "suedoise", "us", "eu", "ue", "cloud", "data", "big tech", "start-up", "startup", "tech",
        "ok", "faq", "pdf", "html", "ghz", "go", "to", "km", "mw", "gw", "kw", "tw", "pme", "eti", "cac", "nasdaq",
        "bourse", "wall street", "ministre", "president", "presidente", "directeur", "directrice", "monsieur", "madame",
        "norwegian", "asian", "african", "swiss", "italian", "spanish", "dutch", "korean", "indian", "canadian", "israeli",
        "russian", "ukrainian", "brazilian", "mexican", "australian", "irish", "danish", "finnish", "belgian", "polish",
        "western", "eastern", "northern", "southern", "latin", "arab", "persian", "turkish", "greek", "portuguese",
        "norvegien", "asiatique", "africain", "suisse", "italien", "espagnol", "neerlandais", "coreen", "indien",
        "canadien", "israelien", "russe", "ukrainien", "bresilien", "australien", "irlandais", "danois", "finlandais",
        "belge", "polonais", "occidental", "oriental", "arabe", "turc", "grec", "portugais",
        "club", "numerique", "os", "nord", "sud", "ouest", "north", "south", "east", "west", "serie", "series", "round", "tour", "agi", "asi", "ml", "nlp", "iot", "vr", "ar", "xr", "5g", "4g", "it", "ux", "ui",
    ]

    /// Small words allowed inside a multi-word name ("Banque de France", "Ursula von der Leyen").
    static let nameParticles: WordSet = ["de", "d'", "du", "des", "von", "van", "der", "den", "da", "di", "del", "la", "le", "of", "&"]

    /// Words that end organisation names ("Spark Capital", "Motier Ventures").
    static let organizationSuffixes: WordSet = [
        "inc", "corp", "corporation", "ltd", "llc", "sa", "sas", "plc", "ag", "gmbh", "group", "groupe", "capital",
        "ventures", "partners", "labs", "lab", "technologies", "technology", "systems", "bank", "banque", "holdings",
        "ai", "collective", "fund", "fonds", "foundation", "fondation", "institute", "institut", "university", "universite",
        "motors", "energy", "energie", "research", "studio", "studios", "media", "networks", "semiconductor", "pharma",
        "therapeutics", "industries", "company", "co", "investments", "management", "cloud",
    ]

    /// Words before a name that say it is a product ("la plateforme Nuage Pro", "baptisée « MAI »").
    static let productCues: WordSet = [
        "plateforme", "platform", "modele", "modeles", "model", "models", "logiciel", "software", "application",
        "applications", "app", "apps", "assistant", "outil", "tool", "service", "chatbot", "puce", "puces", "chip",
        "chips", "systeme", "system", "moteur", "engine", "baptise", "baptisee", "baptises", "baptisees", "appele",
        "appelee", "appeles", "appelees", "nomme", "nommee", "surnomme", "called", "named", "dubbed", "codenamed",
        "smartphone", "processeur", "processor", "navigateur", "browser", "jeu", "game", "robot", "voiture", "car",
    ]
    /// Words before a name that say it is a place.
    static let placeCues: WordSet = ["near", "pres", "outside", "ville", "city", "region", "pays", "country"]

    /// Words before a name that say it is a news outlet.
    static let mediaCues: WordSet = [
        "media", "journal", "quotidien", "hebdomadaire", "magazine", "site", "newspaper", "outlet", "agence", "agency",
        "publication", "revue", "chaine", "newsletter",
    ]

    /// Common first names: a capitalised pair starting with one is a person.
    static let firstNames: WordSet = [
        "adam", "adrien", "alain", "alan", "albert", "alex", "alexandre", "alexander", "alexis", "alice", "alicia",
        "amanda", "amelie", "amy", "ana", "andre", "andrea", "andrew", "andy", "angela", "anna", "anne", "annie",
        "antoine", "anthony", "arnaud", "arthur", "audrey", "aurelien", "ben", "benjamin", "benoit", "bernard", "bill",
        "bob", "brad", "brian", "bruno", "camille", "carl", "carlos", "caroline", "catherine", "cecile", "cedric",
        "celine", "charles", "charlotte", "chris", "christian", "christine", "christophe", "christopher", "claire",
        "claude", "clement", "colin", "craig", "cyril", "damien", "daniel", "daniela", "dario", "david", "demis",
        "denis", "didier", "dominique", "donald", "elad", "elena", "elisabeth", "elizabeth", "elon", "emily",
        "emma", "emmanuel", "eric", "erik", "etienne", "eva", "fabien", "fabrice", "florence", "florian", "francois",
        "francoise", "frank", "franck", "frederic", "gabriel", "gary", "george", "georges", "gerard", "gilles",
        "greg", "gregory", "guillaume", "hanna", "hannah", "helene", "henri", "henry", "hugo", "ian", "ilya", "ingrid",
        "isabelle", "jack", "jacques", "james", "jan", "jane", "jean", "jeff", "jeffrey", "jennifer", "jensen",
        "jeremy", "jerome", "jessica", "jim", "joe", "johan", "john", "jonathan", "jordan", "jose", "joseph", "julia",
        "julie", "julien", "justin", "karen", "karim", "kate", "kevin", "kim", "laura", "laurence", "laurent", "lea",
        "leo", "linda", "lisa", "louis", "luc", "lucas", "lucie", "maria", "marie", "marc", "marco", "margaret",
        "margrethe", "mark", "martin", "mary", "masayoshi", "mathieu", "matthew", "maxime", "michael", "michel",
        "michelle", "mike", "mira", "mohamed", "mustafa", "nadia", "natalie", "nathalie", "nicolas", "nick",
        "nicole", "noah", "olivier", "oscar", "pascal", "patrick", "paul", "peter", "philippe", "pierre", "rachel",
        "raphael", "reid", "richard", "robert", "romain", "ryan", "sam", "samuel", "sandra", "sarah", "satya",
        "sebastien", "sergey", "simon", "sophie", "stephane", "stephanie", "steve", "steven", "sundar", "susan",
        "sylvain", "sylvie", "thierry", "thomas", "tim", "tom", "tony", "ursula", "valerie", "victor", "vincent",
        "virginie", "william", "xavier", "yann", "yannick", "yusuf", "yves", "zoe", "larry", "sheryl", "marissa",
        "travis", "kevin", "brendan", "greg", "mira", "ali", "omar", "fatima", "li", "wei", "jun", "yan", "hiroshi",
        "kenji", "akira", "lars", "sven", "anders", "johanna", "karl", "hans", "klaus", "wolfgang", "giulia",
        "giorgio", "matteo", "luca", "pablo", "diego", "javier", "carmen", "lucia", "sofia", "sara", "ines",
        "helena", "marta", "claudia", "barbara", "monica", "patricia", "nancy", "lina", "clara", "agnes", "aude",
    ]
}
