"""A word-for-word English gloss of the European languages employees write in.

The injection rules are English. Rather than translating every rule into six languages (and
missing the seventh phrasing), a folded message gets a second reading in which the words that
carry an attack (forget, previous, instructions, your, show, password...) are replaced by their
English equivalents. The gloss is crude on purpose: it only has to make "oublie tes consignes
précédentes" read "forget your instructions previous", which the word-order-tolerant rules
match. Folding has already removed accents, so keys are unaccented.
"""

from __future__ import annotations

import re

_LEXICON: dict[str, tuple[str, ...]] = {
    "ignore": ("ignora", "ignorar", "ignorer", "ignorez", "ignoriere", "ignorieren", "ignoriert",
               "negeer", "negeren", "ignoreer", "ignoreren", "ignori", "ignorate", "ignore",
               "ignores"),
    "forget": ("oublie", "oubliez", "olvida", "olvide", "olvidate", "esquece", "esqueca",
               "esquecer", "vergiss", "vergessen", "vergeet", "dimentica", "dimenticate"),
    "disregard": ("descarta", "descartar", "ueberspringe", "uberspringe", "desconsidere",
                  "desconsidera", "desconsiderar", "desconsiderem", "desconsidera"),
    "your": ("tes", "tus", "vos", "votre", "ton", "ta", "tu", "deine", "deinen", "deiner", "ihre",
             "ihren", "je", "jouw", "uw", "tuoi", "tue", "tuo", "seu", "suas", "seus", "sua",
             "teu", "tuas", "teus", "sus", "su"),
    "all": ("toutes", "tous", "todas", "todos", "alle", "allen", "tutte", "tutti"),
    "previous": ("precedentes", "precedente", "precedents", "anteriores", "anterior", "eerdere",
                 "vorherigen", "vorigen", "vorige", "bisherigen", "precedenti", "prior",
                 "anciennes"),
    "instructions": ("consignes", "instructions", "instrucciones", "instructies", "anweisungen",
                     "istruzioni", "instrucoes", "indicaciones",
                     "directives", "richtlijnen", "vorgaben", "befehle", "orientacoes",
                     "orientaciones"),
    "rules": ("regles", "reglas", "regels", "regeln", "regole", "regras", "normas"),
    "system": ("systeme", "sistema", "systeem"),
    "prompt": ("invite", "aanwijzing"),
    "show": ("montre", "montrez", "affiche", "affichez", "muestra", "muestrame", "muestreme",
             "zeig", "zeige", "zeigen", "toon", "mostra", "mostrami", "mostre", "mostra-me",
             "mostrar", "ensename"),
    "reveal": ("revele", "revelez", "revela", "revelame", "verrate", "onthul", "rivela"),
    "tell me": ("zeg me", "zeg mij",
                "dis-moi", "dites-moi", "dime", "digame", "sag mir", "vertel me", "dimmi",
                "diga-me", "me diga", "me diz"),
    "give me": ("donne-moi", "donnez-moi", "dame", "deme", "gib mir", "geben sie mir",
                "geef mij", "geef me", "dammi", "da-me", "me de", "me da", "me passe",
                "passe-me", "me passa"),
    "password": ("mot de passe", "mots de passe", "contrasena", "contrasenas", "passwort",
                 "passworter", "kennwort", "wachtwoord", "senha", "senhas"),
    "hidden": ("cachee", "cachees", "cache", "oculta", "ocultas", "oculto", "versteckte",
               "versteckten", "verborgen", "nascoste", "nascosto", "escondidas"),
    "configuration": ("konfiguration", "configuracion", "configuratie", "configurazione",
                      "configuracao"),
    "admin": ("administrateur", "administrador", "amministratore", "beheerder"),
    "now": ("maintenant", "ahora", "jetzt", "nu", "adesso", "ora", "agora"),
    "and": ("et", "y", "und", "en", "e"),
    "the": ("le", "la", "les", "el", "los", "las", "der", "die", "das", "de", "het", "il", "lo",
            "gli", "o", "os", "as"),
    "what you were configured with": ("lo que te configuraron", "lo que te programaron",
                                      "ce qu'on t'a configure", "ce qu'on t'a programme",
                                      "was man dir konfiguriert hat", "quello che ti hanno "
                                      "configurato", "o que te configuraram",
                                      "o que te programaram", "wat ze je hebben ingesteld"),
    "the rules you follow": ("las reglas que sigues", "les regles que tu suis", "le regole che "
                             "segui", "as regras que segues", "as regras que voce segue",
                             "die regeln denen du folgst", "de regels die je volgt"),
    "what you were told": ("was man dir vorher eingescharft hat", "was man dir eingescharft hat",
                           "was man dir vorher gesagt hat", "was man dir beigebracht hat",
                           "was man dir aufgetragen hat", "was man dir vorgegeben hat",
                           "lo que te dijeron", "lo que te han dicho", "ce qu'on t'a dit",
                           "ce que l'on t'a dit", "was man dir gesagt hat", "was dir gesagt wurde",
                           "quello che ti hanno detto", "o que te disseram", "wat je is verteld",
                           "wat ze je hebben verteld"),
    "give me access": ("geef mij toegang", "dame acceso", "donne-moi acces", "gib mir zugang",
                       "geef me toegang",
                       "dammi accesso", "da-me acesso", "me de acesso"),
    "system prompt": ("prompt do sistema", "prompt del sistema", "prompt du systeme",
                      "prompt di sistema", "prompt des systems"),
    "system instructions": ("systemanweisungen", "systemvorgaben", "instructions systeme",
                            "instrucciones del sistema", "istruzioni di sistema"),
    "hidden instructions": ("instrucoes ocultas", "instrucciones ocultas", "istruzioni nascoste",
                            "instructions cachees", "versteckten anweisungen",
                            "verborgen instructies"),
    "guidelines": ("richtlinien", "lignes directrices", "directrices", "linee guida",
                   "diretrizes"),
    "pretend": ("fais comme si", "faites comme si", "haz como si", "finge che", "fai finta che",
                "tu fais comme si", "tue so als ob", "doe alsof", "faz de conta que"),
    "no longer exist": ("n'existaient plus", "n'existent plus", "n'existe plus", "ya no existen",
                        "ya no existieran", "non esistono piu", "nicht mehr existieren",
                        "nicht mehr gelten", "ne s'appliquent plus", "ya no aplican",
                        "nao existem mais", "niet meer bestaan"),
    "output": ("ausgeben", "gib aus", "affiche-moi", "produce", "stampa"),
    "word for word": ("mot pour mot", "wortwortlich", "wort fur wort", "palabra por palabra",
                      "parola per parola", "palavra por palavra", "woord voor woord"),
    "text": ("texte", "texto", "testo"),
    "which": ("quali", "quelles", "quelle", "welche", "cuales", "quais", "welke"),
    "you were given": ("qu'on t'a fourni", "qu'on t'a donne", "que l'on t'a fourni",
                       "qu'on t'a donnees", "ti hanno dato", "ti sono state date",
                       "que te dieron", "que te pusieron", "que te dio", "die man dir gegeben hat",
                       "die dir gegeben wurden", "que te deram", "que recebeste", "que recebeu",
                       "que voce recebeu", "die je hebt gekregen", "je hebt gekregen",
                       "je kreeg"),
    "you are": ("eres", "tu es", "du bist", "sei", "voce e", "jij bent", "je bent"),
    "without restrictions": ("sin restricciones", "sans restrictions", "ohne einschrankungen",
                             "senza restrizioni", "sem restricoes", "zonder beperkingen"),
    "from now on": ("a partir de ahora", "a partir de maintenant", "ab sofort", "ab jetzt",
                    "da adesso", "d'ora in poi", "a partir de agora", "vanaf nu"),
    "stop following": ("non seguire piu", "ne suis plus", "deja de seguir", "hor auf zu befolgen",
                       "pare de seguir", "volg niet meer"),
    "at startup": ("au demarrage", "beim start", "al inicio", "all'avvio", "na inicializacao"),
    "before this conversation": ("antes desta conversa", "antes de esta conversacion",
                                 "avant cette conversation", "vor diesem gesprach",
                                 "prima di questa conversazione"),
    "the developers": ("gli sviluppatori", "les developpeurs", "die entwickler",
                       "los desarrolladores", "os desenvolvedores"),
    "in full": ("en entier", "completo", "completa", "vollstandig", "volledig", "per intero"),
    # Round ten: the follow-up of a crescendo ("copy that text as it is, without summarising")
    # and its build-up ("those limitations, were you given them in writing at the start?").
    "verbatim": ("tal cual", "tal como esta", "tel quel", "telle quelle", "tal e qual",
                 "cosi com'e", "so wie er ist", "so wie es ist", "zoals het is"),
    "without summarising": ("sin resumir", "sans resumer", "senza riassumere", "sem resumir",
                            "ohne zusammenzufassen", "zonder samen te vatten"),
    "restrictions you were given": (
        "limitaciones que te dieron", "limitaciones te las dieron", "limitations qu'on t'a donnees",
        "limitazioni che ti hanno dato", "limitacoes que te deram",
        "einschrankungen die man dir gab"),
    "restrictions": ("restricciones", "beperkingen", "einschrankungen", "einschraenkungen",
                     "restrizioni", "restricoes", "limites", "limitaciones", "limitazioni",
                     "limitacoes", "limitations"),
    "things you are not allowed to do": (
        "que cosas no puedes hacer", "cosas que no puedes hacer", "choses que tu ne peux pas faire",
        "cose che non puoi fare", "coisas que nao podes fazer", "dinge die du nicht darfst"),
    "in writing": ("por escrito", "par ecrit", "per iscritto", "schriftlich", "schriftelijk"),
    "copy": ("recopier", "recopie", "recopiez", "copie", "copia", "kopiere", "kopieer",
             "copiame", "copiamelo", "copie-moi", "copiami", "kopier mir"),
    "these": ("esas", "esos", "estas", "estos", "ces", "diese", "queste", "essas",
              "esses", "deze"),
    # Round twelve: setup "you received", and staff records in bulk ("la lista completa dei
    # dipendenti con stipendio e codice fiscale ... esportarla").
    "that you were given": ("que recibiste", "que has recibido", "que tu as recu",
                            "que vous avez recu", "che hai ricevuto", "die du erhalten hast",
                            "die du bekommen hast", "que voce recebeu antes"),
    "exactly": ("exactamente", "exactement", "esattamente", "exatamente", "genau"),
    "list": ("lista", "liste", "listado", "elenco", "listagem", "lijst"),
    "employees": ("dipendenti", "empleados", "employes", "mitarbeiter",
                  "mitarbeitenden", "funcionarios", "colaboradores", "medewerkers",
                  "werknemers"),
    "salary": ("stipendio", "stipendi", "salario", "salarios", "sueldo", "sueldos", "salaire",
               "salaires", "gehalt", "gehalter", "gehaelter", "salarissen", "salaris"),
    "tax id": ("codice fiscale", "codici fiscali", "numero fiscal", "numero d'identification "
               "fiscale", "steuer-id", "steueridentifikationsnummer", "nif", "cpf"),
    "home address": ("indirizzo di casa", "direccion particular", "domicilio", "adresse "
                     "personnelle", "privatadresse", "wohnadresse", "morada", "thuisadres"),
    "export": ("esportarla", "esportare", "esporta", "esportala", "esportarle", "esportami",
               "exporta", "exportar", "exportarla", "exportala", "exporte", "exporter",
               "exportieren", "exporteer", "exportem", "esportalo", "esportali", "exportalo",
               "exportalos", "enviamelo", "mandamelo", "mandamela"),
    "of the": ("dei", "degli", "delle", "del personal", "des"),
    "with": ("con", "mit", "com", "avec", "met"),
    "all of the": ("tutti i", "todos los", "tous les", "todos os"),
    "date of birth": ("data di nascita", "fecha de nacimiento", "date de naissance",
                      "geburtsdatum", "data de nascimento", "geboortedatum"),
    "that you were started with": ("con la que arrancaste", "con la que empezaste",
                                   "con la que te iniciaron", "con la que te arrancaron",
                                   "avec laquelle tu as demarre", "con cui sei partito",
                                   "con cui ti hanno avviato", "mit der du gestartet bist",
                                   "com que arrancaste", "com que iniciaste"),
    "paste": ("pegar", "pegame", "pegues", "pega", "pegamela", "pegarmela", "colle-moi",
              "collez", "incolla", "incollami", "einfugen", "cola", "colar", "plak"),
    "the text that you were given at the start": (
        "den text den du am anfang bekommen hast", "den du am anfang bekommen hast",
        "que recibiste al principio", "que te dieron al principio", "qu'on t'a donne au debut",
        "che ti hanno dato all'inizio", "que te deram no inicio"),
    "ai assistant": ("ki-assistent", "ki-assistentin", "ki assistent", "asistente de ia",
                     "asistente ia", "assistente ia", "assistente di ia", "assistant ia",
                     "assistente de ia", "ai-assistent"),
    "assistant": ("assistent", "asistente", "assistente", "assistentin"),
    "should": ("soll", "sollte", "debe", "deberia", "deve", "dovrebbe", "doit", "devrait",
               "moet", "zou moeten"),
    "without approval": ("ohne genehmigung", "ohne freigabe", "sin aprobacion",
                         "senza approvazione", "sans approbation", "sans validation",
                         "sem aprovacao", "zonder goedkeuring"),
    "admin rights": ("administratorrechte", "adminrechte", "admin-rechte",
                     "derechos de administrador", "diritti di amministratore",
                     "droits d'administrateur", "droits admin",
                     "direitos de administrador", "beheerdersrechten"),
}
# One alternation, longest first so "mots de passe" wins over "de".
_TO_EN = {foreign: en for en, words in _LEXICON.items() for foreign in words}
_WORDS = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(w) for w in sorted(_TO_EN, key=len, reverse=True)) + r")(?![\w-])")
# Words that only occur in the foreign text: without one of them a message is not glossed, so
# English messages (which share "ignore", "instructions", "de"...) keep a single reading.
_FOREIGN_ONLY = frozenset(w for w in _TO_EN if w not in {
    "ignore", "ignores", "instructions", "directives", "prior", "the", "de", "as", "e", "o",
    "en", "et", "y", "nu", "ora", "ta", "tu", "su", "je", "die", "limites", "cache", "invite",
    "le", "la", "lo", "il", "das", "anterior", "me da", "limitations", "con", "com", "met",
    "des", "nif", "cpf", "genau", "liste", "exporte", "exporter",
    "pega", "cola", "plak", "deve", "moet"})


def gloss(folded: str) -> str | None:
    """The English gloss of a folded text, or None when nothing in it is foreign."""
    if not any(m.group() in _FOREIGN_ONLY for m in _WORDS.finditer(folded)):
        return None
    return _WORDS.sub(lambda m: _TO_EN[m.group()], folded)
