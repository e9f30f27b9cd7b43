"""Which way a question, a claim and a rule point: the word patterns ``rag.lead`` and
``rag.claims`` read a verdict from (a rule that forbids, one that grants, a cost put on the worker,
a duty spared). Pure data; matched on folded text (lowercase, no accents)."""

from __future__ import annotations

import re

# A question that says "no" ("¿no me toca…?"): its polarity is too easy to get wrong.
NEGATED_QUESTION = re.compile(r"\b(no|nunca|ni|tampoco|jamas)\b")
# A rule with an exception or a condition ("solo si…", "salvo…") cannot settle a yes/no alone.
RESTRICTED = re.compile(
    r"\b(solo si|solamente si|unicamente si|siempre que|siempre y cuando|salvo|excepto|"
    r"a menos que|mientras|solo cuando|solo en)\b|^solo\b"
)
# "¿Me toca pagar a mí el hotel?": whether the worker bears a cost; a rule that puts it on the
# employer says no.
WORKER_PAYS = re.compile(
    r"\b(me toca pagar|le toca pagar|tengo que pagar|tengo q pagar|debo pagar|lo pago yo|"
    r"la pago yo|los pago yo|las pago yo|pagarlo yo|pagarla yo|pagar yo|me toca poner|"
    r"tengo que poner|me toca a mi pagar|lo tengo que pagar|la tengo que pagar)\b"
)
# A rule that puts a cost on the employer ("las comisiones las paga el patrón").
EMPLOYER_PAYS = re.compile(
    r"\b(?:el patron|tu patron|la persona empleadora|tu empleador[a]?|la empresa) (?:debe|tiene "
    r"que|esta obligad[oa] a) (?:pagar|cubrir|dar|proporcionar|aportar)\w*|\ba cargo del patron\b|"
    r"\bpor cuenta del patron\b|\b(?:el patron|la empresa) (?:paga|pagara|cubre)\b|"
    r"\b(?:la|las|lo|los) (?:paga|pagara|cubre) (?:el patron|la empresa|tu patron)\b"
)
# "¿Tengo que…?", "¿estamos obligados a…?": what the worker must do; a rule that spares it
# ("sin necesidad de juicio sucesorio", "no tienes que…") says no.
WORKER_MUST = re.compile(
    r"\b(tengo|tenemos|debo|debemos) (que|q)\b|\b(estoy|estamos) obligad[oa]s?\b"
)
SPARED = re.compile(
    r"\bsin (necesidad de|que tengas que|hacer|tener que)\b|"
    r"\bno (necesitas|necesitan|tienes que|tienen que|estas obligad[oa])\b"
)
# A rule that forbids, denies or voids ("no pueden…", "está prohibido", "no vale").
NEGATIVE_RULE = re.compile(
    r"^(no|nadie|ningun[oa]?)\b|\bnunca (te |le )?pueden? (?!ser menor)|"
    r"\bno (te |le |se )?(la |lo |las |los )?(pueden|puede|vale|"
    r"es legal|deben|debe|"
    r"tienen que|tiene que|estas obligad[oa])\b|\bprohibid[oa]s?\b|\bes nul[oa]\b|"
    r"\bno valen?\b|\binjustificad[oa]\b|\bno justificad[oa]\b|\bni (te )?pueden\b"
)
# A rule that denies the right asked about ("los trabajadores del hogar no reciben reparto de
# utilidades"): "¿me toca?" is answered no.
DENIES_RULE = re.compile(
    r"\b(?:no|tampoco) (?:reparten?|reciben?|participan?|participaran|tienes derecho|"
    r"tienen derecho|te toca\w*|les toca\w*|te corresponde\w*|les corresponde\w*)\b"
)
# A rule that calls something unjustified: negative, but it forbids nothing a claim asserts.
UNJUSTIFIED = re.compile(r"\b(injustificad[oa]|no justificad[oa])\b")


def forbids_claim(statement: str) -> bool:
    """Whether the (folded) rule forbids or voids what a claim asserts: a negative rule, but not
    one that only calls a dismissal unjustified ("tengo un año pa demandar" is no dismissal's
    question)."""
    return NEGATIVE_RULE.search(statement) is not None and UNJUSTIFIED.search(statement) is None


# The closing words that judge what the employer does ("¿pueden hacer eso?", "¿es legal?"),
# not what the worker may do ("¿sí se puede?").
JUDGED_PRACTICE = re.compile(
    r"\b(es legal|se vale|es valido|esta bien|pueden hacer eso|puede hacer eso|lo puede hacer|"
    r"lo pueden hacer|es justo|es correcto|esta permitido|es normal)\b"
)
