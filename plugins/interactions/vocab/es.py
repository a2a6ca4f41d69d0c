"""Spanish words for interactions: what marks an event per channel, and what marks a plan.

Each phrase is a regular-expression fragment matched on word boundaries over ``fold()``-ed
text (lowercase, no accents), so "Llamé", "llame" and "LLAMÉ" are one phrase. ``{verbo}``
stands for the verb's past forms ("{almorzar} con": almorcé con, almorzamos con, he almorzado
con), ``{@}`` for a name (see vinculo.lemmas). A line whose clause holds an intention ("tengo
que llamar a…") is a plan, never an event. ``talk`` phrases are conversations whose channel
the clause names ("por teléfono"), else in person.
"""

from __future__ import annotations

import re

from vinculo.hookspecs import hookimpl
from vinculo.lemmas import trie
from vinculo.model import Vocabulary

from .es_past import PASTS_IN_RE

# Hacer algo juntos: "vimos el partido con Ana", "hicimos una ruta con Ana" (one phrase per
# verb: each opens with a word, cheap to search).
_JUNTOS = ("ver", "hacer", "montar", "nadar", "bailar", "viajar", "caminar", "andar", "subir",
           "escalar", "bucear", "patinar", "esquiar", "surfear", "estudiar", "preparar",
           "organizar", "brindar", "asistir", "disfrutar", "recorrer", "probar", "beber")

EVENTS: dict[str, tuple[str, ...]] = {
    "social": (
        r"comento", r"comentamos", r"le comente", r"comentario (?:de|en)",
        # a reply to my post is social, to my e-mail a message
        r"respondio a mi(?! (?:correo|mensaje|mail|email|e-mail|whatsapp|wasap|audio|carta|sms|dm|md)s?\b)",
        r"le respondi en", r"compartio (?:mi|mis|nuestr[oa]s?)", r"(?:me|nos|le|les) compartio",
        r"comparti (?:[^\s]+ ){0,3}?de {@}", r"(?:le|les|la|lo|las|los) comparti", r"comente", r"comentando en", r"le di (?:un )?like",
        r"dio like",
        # (the tenth pass) "le dio share a mis fotos", "le di follow"
        r"(?:di|dio|dimos|dieron|(?:ha|he|han|hemos) dado) (?:un |el )?"
        r"(?:share|follow|repost|retweet|heart|love)\b",
        # a greeting on their wall: "Saludé a · en su muro"
        r"en (?:su|mi) muro\b",
        r"me (?:dio|dejo) (?:un )?like", r"like a", r"me menciono",
        r"le mencione", r"lo mencione", r"la mencione", r"me etiqueto", r"conectamos",
        r"acepto mi (?:invitacion|solicitud)", r"acepte su (?:invitacion|solicitud)",
        r"reacciono", r"retuiteo", r"me sigue desde", r"empezo a seguirme",
        r"{retuitear}", r"{reaccionar} a", r"(?:di|dio|dimos|dieron) (?:un )?me gusta",
        r"(?:le|les|me|nos) {gustar} (?:mi|mis|su|sus|nuestr[oa]s?|el|la|los|las)",
        # un comentario es un toque social, lo deje quien lo deje
        r"(?:me|le|les|nos) {dejar} (?:un |una )?(?:[^\s]+ )?comentarios?",
        r"{dejar} (?:un |una )?(?:[^\s]+ )?comentarios? (?:a|en)", r"en los comentarios",
        r"(?:le |les )?{dejar} (?:un |una )?(?:like|me gusta|corazon|corazoncito|fueguito)",
        r"{comentar} (?:la|el|las|los|tu|su|sus) (?:[^\s]+ )?(?:foto|fotos|post|publicacion|"
        r"historia|video|tuit|tweet|entrada|articulo|reel|story)",
        r"(?:me|le|nos) {mencionar}", r"(?:me|le|nos) {etiquetar}",
        r"{reaccionar} (?:con )?(?:[^\s]+ ){0,3}?a (?:mi|mis|su|sus|tu|la|el)",
        r"{compartir} (?:[^\s]+ ){0,5}?de {@}",
        r"(?:le |les )?{poner} (?:un |una )?(?:like|me gusta|corazon\w*|fueguito|estrellita)",
    ),
    "message": (
        r"(?:le|les|me|nos|te) {escribir}", r"{escribir} (?:a|{@})", r"me escribio",
        r"(?:le |les |me |nos )?{mandar} (?:un |una |el |la |unos |unas |mi |su )?(?:[^\s]+ )?"
        r"(?:mensaje|mensajes|email|e-mail|correo|whatsapp|wasap|mail|audio|audios|nota de voz|"
        r"sms|md|dm|foto|fotos|enlace|link|postal|carta|felicitacion)",
        r"(?:le|les|me|nos) {mandar}", r"(?:le|les|me|nos) {enviar}", r"{enviar} (?:[^\s]+ ){0,3}?a {@}",
        r"(?:le|les|me|nos) {contestar}", r"(?:le|les|me|nos) {responder}",
        r"{contestar} a", r"{responder} a", r"{chatear} con",
        r"{intercambiar} (?:[^\s]+ )?(?:mensajes|correos|emails|e-mails|mails|whatsapps|audios|cartas)",
        r"(?:whatsapp|wasap|mensaje|correo|email|mail|audio|sms) de {@}",
        r"{mandar} a {@}", r"(?:me|nos) {invitar}",
        r"{contestar} (?:la |el |las |los )?(?:pregunta|mensaje|correo|email)s? de {@}",
        r"(?:me|le|les|nos) {dejar} (?:un |una )?(?:audio|mensaje|nota de voz|"
        r"whatsapp|correo|carta|nota)",
        r"{felicitar} a", r"(?:le|la|lo|me) {felicitar}", r"(?:un |el |su |mi )?mensaje (?:de|a|con|para)",
        r"(?:le |me )?mande (?:un )?(?:mensaje|email|e-mail|correo|whatsapp|mail)",
        r"me mando", r"le envie", r"me envio", r"(?:por|un|el|su) (?:email|e-mail|mail|correo)",
        r"correo (?:de|a|con)", r"whatsapps?", r"wasaps?", r"guasaps?", r"mensajeando\w*",
        r"(?:mandando|enviando|escribiendo)(?:nos|se|le|les|me)? (?:mensajes|whatsapps|audios|"
        r"fotos|memes|stickers|videos|"
        r"correos|mails)",
        r"(?:carta|postal|paquete|nota|tarjeta) de {@}",
        r"(?:me|nos|le) {llegar} (?:un |una |el |la )?(?:[^\s]+ )?(?:mail|correo|mensaje|"
        r"whatsapp|wasap|audio|carta|email|e-mail|sms|postal)",
        r"{tirar} (?:un |una )?(?:mensaje|whatsapp|wasap|audio|mail|correo|dm|md)",
        r"{responder} (?:mi|su|tu|el|la|sus|mis) (?:[^\s]+ )?(?:correo|mensaje|email|e-mail|mail|"
        r"whatsapp|wasap|carta|audio)", r"(?:por|un|el) (?:md|dm)",
        r"mensaje directo", r"por linkedin", r"contesto a mi", r"me contesto", r"le conteste",
        r"intercambiamos (?:mensajes|correos|emails)", r"chateamos",
        r"(?:mensajes|correos|emails|e-mails|whatsapps|wasaps|audios) con",
        r"(?:le|les|me|nos) {pasar} (?:a {@} )?(?:el|la|los|las|un|una|unos|unas|mi|mis) "
        r"(?:enlace|link|documento|archivo|foto|fotos|contacto|numero|telefono|pdf|"
        r"presentacion|propuesta|video|borrador|informe|articulo|cv|curriculum)",
        r"{reenviar} (?:[^\s]+ ){0,4}?a {@}",
        # verbos hechos de un medio, en pasado: "le whatsapeé", "nos mensajeamos", "le texteé"
        r"(?:whats?ap+|wh?asap|guasap|mensaj|text)e(?:e|o|amos|aron|aste|ado|ando)",
        # (the tenth pass) Spanglish of the United States: "me textió", "le textié"
        r"(?:text|wh?atsap+)(?:io|ie|iamos|ieron|iaste)\b",
        r"(?:me|le|les|nos) {reenviar}",
        r"{chatear} (?:[^\s]+ ){1,3}?con",
    ),
    "call": (
        r"llame", r"(?:le|la|lo|me|nos) llamo", r"(?:le|la|lo) llame", r"llamada", r"videollamada",
        r"(?:video)?llamadit[ao]s?",  # el diminutivo: "le hice una llamadita"
        r"(?:me|le|la|lo|nos) timbr\w+", r"timbre a",
        r"hablamos por (?:telefono|video|zoom|skype|teams|meet)", r"por telefono",
        r"por zoom", r"zoom",
        # (the tenth pass) the English word in Spanish: "hablé con · por phone"
        r"(?:por|al|en el) (?:el )?(?:phone|cel|cell)\b",
        r"skype", r"por teams", r"google meet", r"videoconferencia",
        r"facetime", r"nos llamamos", r"hablamos un rato por", r"meet con",
        r"(?:consulta|entrevista|llamada|charla|screening|reunion|cita|sesion|conversacion) "
        r"telefonic[oa]",
        r"(?:me|le|la|lo|nos) {marcar}",
        r"(?:le |la |lo |les |me |nos )?{llamar}", r"{telefonear}",
        r"(?:le |les |me |nos )?(?:di|dio|dimos|dieron) un toque",
        r"(?:le |les |me |nos )?(?:ha|han|he|hemos) dado un toque",
        r"(?:me|le|nos) {coger} el (?:telefono|movil|celular|celu)",
        r"al telefono", r"en el (?:telefono|movil|celu|celular|fijo)",
        r"por (?:meet|facetime|videollamada|whatsapp video)",
        r"{hacer} (?:un |una )?(?:[^\s]+ )?(?:facetime|zoom|skype|videollamada|llamada)",
        r"(?:me |le |les |nos )?{devolver} la llamada",
        r"(?:tele)?fonazo", r"{pegar} un (?:toque|telefonazo|fonazo)",
    ),
    "in_person": (
        # perdón pedido sin medio nombrado, como "le di las gracias a ·": en persona (con un
        # medio, el medio: "Le pedí perdón a · por WhatsApp")
        r"(?:le |les )?(?:pedi|pidio|pedimos|pidieron) (?:perdon|disculpas) a {@}(?![·*_=])(?! (?:[^\s]+ ){0,3}?"
        r"(?:por|en|con) (?:un |una |el |la )?(?:whatsapp|wasap|mail|email|correo|mensaje|telefono|"
        r"llamada|carta|audio|sms|dm|videollamada|zoom|telegram|signal)\b)",
        r"cafe", r"cafes", r"comida", r"comimos", r"comi con", r"cena", r"cenamos", r"cene con",
        r"desayuno con", r"desayune con", r"desayunamos", r"almuerzo", r"almorzamos", r"aperitivo", r"vermu",
        r"cervezas?", r"cana con", r"canas con", r"tomamos algo", r"quedamos", r"quede con",
        r"nos vimos", r"vi a", r"(?:le|la|lo) vi", r"nos encontramos", r"me encontre con",
        r"coincidimos", r"reunion (?:con|presencial)", r"nos reunimos", r"en persona",
        r"se paso por", r"se (?:ha|han) pasado por", r"vino a (?:verme|la oficina|casa|el taller)", r"visite a", r"visita de",
        r"paseo con", r"paseamos", r"nos conocimos en", r"conoci a",
        r"{almorzar} con", r"{comer} con", r"{cenar} con", r"{desayunar} con",
        r"{merendar} con", r"almorzamos", r"merendamos",
        r"{tomar} (?:[^\s]+ ){1,3}?con", r"(?:fui|fuimos|fuiste|fueron|fue|ibamos|iba) "
        r"(?:a|al|de) (?:[^\s]+ ){0,4}?con", r"{salir} (?:a [^\s]+ |de [^\s]+ )?con",
        r"{jugar} (?:[^\s]+ ){0,3}?con",
        r"{celebrar} (?:[^\s]+ ){0,3}?(?:con|de {@})", r"{recoger} a", r"{acompañar} a",
        r"{visitar} a", r"{invitar} a {@} a (?:[^\s]+ )?(?:casa|comer|cenar|almorzar|desayunar)",
        r"{ver} a {@}", r"visto a {@}", r"{quedar} con", r"(?:me|nos) {encontrar} (?:con|a)",
        r"(?:me|nos) {cruzar} con", r"{pasear} (?:[^\s]+ ){0,3}?con", r"{correr} con",
        r"{entrenar} con", r"{cocinar} (?:para|con)",
        r"(?:paseo|excursion|ruta|partido|partida|merienda|barbacoa|fiesta) (?:[^\s]+ ){0,4}?con {@}",
        r"(?:en|a) casa de {@}",
        # (the tenth pass) a home named by a regional noun: "Fui al depa de ·", "en la yarda de ·"
        r"(?:en|a|al|del?) (?:la |el )?(?:depa|depto|departamento|apartamento|apto|yarda|jato|chante|"
        r"canton) (?:de|del) (?:la |el )?{@}",
        # the diminutive of a coffee or a beer: "un cafecito con ·"
        r"cafe(?:c|s)itos?", r"cervecitas?",
        r"(?:en|a) (?:casa|lo) (?:de|del) (?:la |el )?{@}",
        r"(?:me|nos) {cruzar} (?:a|al|a la) {@}",
        r"{venir} (?:{@} )?a (?:verme|vernos|casa|mi casa|la oficina|comer|cenar|merendar|"
        r"desayunar|almorzar|tomar|traerme|traernos|saludar|traer|buscarme|buscarnos|"
        r"ayudarme|ayudarnos|dejarme|dejarnos|devolverme|recogerme|recogernos)",
        r"(?:le|les) {invitar} a (?:una |un |unas |unos )?(?:cana|cafe|cerveza|copa|vino|comer|"
        r"cenar|desayunar|almorzar|ronda)",
        r"{pasar} por (?:casa|mi casa|la casa|la oficina|el taller|aqui|el despacho|el estudio)",
        # (la octava pasada) llevarle algo a su casa: "Fui a dejarle los tamales a · a su casa";
        # alguien que vino: "Vino · con el aceite"
        r"(?:fui|fuimos|pase|pasamos|he ido|hemos ido) a (?:dejar|llevar|devolver|entregar)(?:le|les)? "
        r"(?:[^\s]+ ){0,5}?a {@}",
        r"vino {@} (?:con|a|y)\b",
        # llegar adonde estoy a algo: "· y · llegaron al puesto a chismear"
        r"(?:llego|llegaron|ha llegado|han llegado) (?:al|a mi|a la|a casa) (?:[^\s]+ )?a (?:chismear|"
        r"platicar|charlar|conversar|saludar|visitar|comer|cenar|almorzar|tomar|verme|vernos)\b",
        # (la octava pasada) de visita o por casa: "· estuvo de visita", "Estuvo · por casa";
        # despedirle donde se va: "Fui a despedir a · al aeropuerto"
        r"(?:estuvo|estuvieron|ha estado|han estado) de visita(?=[^\w]*$|,| (?:en casa|por casa|aqui|aca|"
        r"con nosotr[oa]s|conmigo)(?! de))",
        r"(?:estuvo|estuvieron|ha estado|han estado) (?:{@} )?por (?:casa|mi casa|la casa|aqui|aca)\b",
        r"(?:fui|fuimos|he ido|hemos ido) a despedir(?:me de| a)\b",
        # (la octava pasada) una vuelta por casa: "· se dio una vuelta por la casa"
        r"(?:se )?(?:dio|dieron|di|dimos|ha dado|han dado) una vuelt(?:a|ita) por (?:la |mi |nuestra )?(?:casa|oficina|taller|tienda|consulta|"
        r"negocio|despacho)\b",
        r"(?:vino|vinieron|vine|vinimos) (?:{@} )?a (?:verme|vernos|casa|mi casa|la oficina|"
        r"el taller|comer|cenar|merendar|desayunar|almorzar|tomar)",
        r"(?:fui|fuimos|fue|fueron) a (?:ver|visitar) a", r"visita a {@}",
        r"(?:se|me|nos) (?:paso|pasaron|pase|pasamos) a (?:saludar|ver|verme|vernos|tomar|"
        r"dejar|recoger|buscar)",
        r"salimos (?:a|de) \w+", r"{invitar} a (?:cenar|comer|almorzar|desayunar|merendar|"
        r"tomar|un|una) (?:[^\s]+ ){0,3}?a {@}",
        r"{tener} (?:una |un )?(?:[^\s]+ )?(?:comida|cena|cita|reunion|quedada|almuerzo|"
        r"desayuno) (?:[^\s]+ )?con",
        # llevar a alguien a un sitio, pasar a verle: se está con esa persona
        r"{llevar} a {@} (?:a|al|hasta|en)", r"{pasar} a (?:ver|visitar|saludar|buscar|recoger) a",
        r"{pasar} a (?:saludar|verme|vernos|buscarme|buscarnos|recogerme|recogernos)",
        # ir a buscar a alguien, que te venga a buscar: "fui a buscar a Ana", "me vino a buscar"
        r"(?:fui|fuimos) a (?:buscar|recoger) a",
        r"(?:me|nos) (?:vino|vinieron|paso|pasaron) a (?:buscar|recoger|ver|visitar|saludar)",
        # ir a una celebración suya: "fui al cumple de Ana", "estuve en la boda de Ana"
        r"(?:fui|fuimos|estuve|estuvimos) (?:a|al|en) (?:el |la |los |las |su |sus )?(?:cumple|"
        r"cumpleanos|cumpleaños|boda|fiesta|despedida|graduacion|bautizo|comunion|"
        r"inauguracion|concierto|casamiento|asado|cena|comida) (?:[^\s]+ ){0,2}?(?:de|del) {@}",
        # lo que se da en mano: "me trajo unas empanadas", "le llevé flores", "un abrazo" (no
        # "me trajo problemas", "le llevé la contraria")
        r"(?:me|nos) (?:{traer}|trajo|trajeron|trajiste) (?:un|una|unos|unas|el|la|los|las|mi|mis|"
        r"su|sus)? ?(?:[^\s]+ )?(?:regalo|regalos|flores|empanadas|pastel|tarta|torta|comida|"
        r"vino|libro|libros|llaves|paquete|postre|galletas|dulces|cafe|fruta|plantas?|detalle)",
        r"(?:le|les) {llevar} (?:un|una|unos|unas|el|la|los|las|mi|mis)? ?(?:[^\s]+ )?(?:regalo|"
        r"regalos|flores|empanadas|pastel|tarta|torta|comida|vino|libro|libros|llaves|paquete|"
        r"postre|galletas|dulces|cafe|fruta|plantas?|detalle)",
        r"(?:le |les |me |nos )?(?:di|dio|dimos|dieron|dado) un (?:abrazo|beso)",
        # "donde Marta": en su casa (América), al final de la oración o antes de un
        # complemento, no como relativo ("el bar donde Marta trabaja")
        r"donde {@}(?=\s*$|\s+(?:toda|todo|hasta|por|con|y|a|al|en|el|la)\b)",
    ),
    "talk": (
        r"y(?<=· y) yo (?:nos |me )?(?!\w*(?:iamos|abamos)\b)\w+(?:amos|imos|e|i|uve)",
        # "we did … with X"
        *("{" + verb + "}" + r" (?:[^\s]+ ){0,4}?con {@}" for verb in _JUNTOS),
        r"{ayudar} a {@}",
        r"{saludar} a {@}", r"(?:me|nos|la|lo|le|les) {saludar}",
        r"{hablar} con", r"{charlar} con", r"{conversar} con", r"hablamos", r"charlamos",
        r"(?:estuve|estuvimos) (?:hablando|charlando) con", r"nos pusimos al dia",
        # being with someone: in person, unless the clause says "al teléfono", "por Zoom"
        r"estuve con", r"estuvimos", r"(?:estuve|estuvimos) con",
        r"(?:charla|conversacion|llamada|videollamada) (?:[^\s]+ ){0,3}?con",
        r"{tener} (?:una |un )?(?:[^\s]+ )?(?:charla|conversacion) (?:[^\s]+ ){0,2}?con",
    ),
}

INTENTS: tuple[str, ...] = (
    r"tengo que", r"tenemos que", r"hay que", r"habria que", r"pendiente", r"por hacer",
    r"quiero", r"quisiera", r"me gustaria", r"nos gustaria", r"voy a", r"vamos a", r"iremos a",
    r"deberia", r"deberiamos", r"debo", r"recordar", r"recuerdame", r"acordarme", r"acuerdate",
    r"no olvidar", r"proponer(?:le)?", r"planear", r"planificar", r"quiza", r"quizas",
    r"a lo mejor", r"tal vez", r"cuando venga", r"si viene", r"si puede", r"ojala",
    r"no (?:pude|pudimos|he podido|hemos podido|llegue a|llegamos a|conteste|contesto)",
    r"nunca", r"todavia no", r"aun no", r"sin enviar", r"borrador", r"preguntar(?:le)? si",
    # Cancellations veto the whole clause, wherever they stand ("comida con Ana, cancelada").
    r"^.*?\bcancelad[oa]s?", r"^.*?\bcancelamos", r"^.*?\bse cancelo", r"^.*?\baplazad[oa]s?",
    r"^.*?\baplazamos", r"^.*?\bse suspendio",
    r"la semana que viene", r"el mes que viene", r"proxima semana", r"manana (?:llamo|quedo|escribo)",
    # Attempts and what did not happen count for nothing.
    # A meeting put in the diary is a plan ("agendar reunión con Paco").
    r"agend\w*", r"program(?:ar|e|amos) (?:una |la |el )?(?:reunion|llamada|cena|comida|cafe)",
    r"(?:se |lo |la )?llama(?:ba)?(?= [\"'“«])", r"(?:se|que se) llama",
    r"intente", r"intentamos", r"intento", r"trate de", r"tratamos de",
    r"^.*?\bno (?:me |se )?(?:lo|la) cogi", r"^.*?\bbuzon de voz",
    r"^.*?\bcancelo", r"^.*?\bse aplazo", r"^.*?\bpospuso", r"^.*?\bpospusimos", r"^.*?\bsuspendimos",
    r"pensaba", r"pienso", r"igual", r"a ver si", r"olvide", r"se me olvido", r"cuando",
    r"si (?:[^\s]+ ){0,3}?(?:llama|viene|escribe|puede)", r"espero", r"esperando", r"tampoco",
    r"no (?:le |la |lo |les |me |nos |te |se )?(?:he |hemos |ha |han |habia )?\w+",
    # "ni" niega como "no": "que ni me saludó", "ni siquiera nos vimos"
    r"ni (?:siquiera )?(?:le |la |lo |les |me |nos |te |se )?(?:he |hemos |ha |han |habia )?\w+",
    r"^.*?\bllam\w+ la atencion",  # "me llamó la atención": it struck me, no call
    # Someone else's event: "el hermano de Ana la llamó".
    r"(?:el|la|los|las|su|sus) (?:hermano|hermana|madre|padre|mujer|marido|pareja|novio|novia|"
    r"hijo|hija|jefe|jefa|amigo|amiga|socio|socia|familia|equipo)s? de {@}",
    r"que ganas de", r"^.*?\bse cancelo",
    # Wishes and what would have been: "me encantaría", "tendría que haber llamado", "soñé".
    r"(?:tendr|podr|querr|encantar|gustar|deber|har|ir|vendr|saldr)ia(?:s|mos|n)?",
    r"queria(?:mos)?", r"sone", r"sonaba", r"en (?:un|mi) sueno",
    r"^.*?\bcomunicaba", r"^.*?\bno (?:estaba|estaban|habia nadie|aparecio|vino|pudo|lo cogio|"
    r"la cogio|me lo cogio|contestaba|respondia)",
    r"(?:me|nos|te|le) debe", r"quedamos en \w+(?:ar|er|ir)(?:nos|le|la|lo)?",
    r"^.*?\bse (?:pasa|paso|cambia|cambio|mueve|movio|retrasa|retraso|adelanta|adelanto|"
    r"(?:ha|han) (?:pasado|cambiado|movido|retrasado|adelantado)) "
    r"(?:al|a la|a el|para el|para la|pal|pa el|pa la|a otro|a otra) (?:lunes|martes|miercoles|jueves|viernes|"
    r"sabado|domingo|semana|tarde|manana|noche|proximo|proxima|otro|otra|dia|mes|finde)",
    # El modo: lo que casi pasó, lo que iba a pasar, una costumbre y no el suceso de un día,
    # una condición, un acuerdo para más adelante, una reserva.
    r"casi", r"por poco", r"(?:iba|ibamos|iban) a \w+(?:ar|er|ir)(?:le|la|lo|les|los|las|nos|me|se)?",
    r"se supon\w+", r"supuestamente", r"(?:tenia|teniamos|tenian) (?:que|pensado)",
    r"ganas de", r"suelo", r"solemos", r"suele", r"suelen", r"solia", r"soliamos", r"siempre(?<!como siempre)",
    r"a menudo", r"normalmente", r"habitualmente", r"de vez en cuando",
    r"^.*?\b(?:todos los|todas las|cada)(?<!como todos los)(?<!como todas las)(?<!como cada) (?:dias|semanas|meses|anos|"
    r"lunes|martes|miercoles|jueves|viernes|sabados|domingos|findes|fines|mananas|tardes|noches|"
    r"dia|semana|mes|ano|sabado|domingo|finde)\b",
    r"^\s*(?:y |pero )?si(?=\s)", r"en caso de que",
    r"qued\w* en (?:que|\w+(?:ar|er|ir)(?:nos|le|la|lo|les|me|te)?\b)",
    r"^.*?\by nada\b", r"^.*?\bno (?:contesta|lo coge|la coge|me lo coge|me la coge)\b",
    r"reserv\w*", r"propuesta", r"^\s*idea\b", r"a punto de", r"(?:he|hemos) sonado",
    r"^.*?\b(?:nunca|no) (?:le |les |me |nos )?(?:llego|llegaron|ha llegado|han llegado)\b",
    r"manana(?<!esta manana)(?<!la manana)(?<!de manana)(?<!una manana)",
    # Lo hecho deshecho más adelante en la oración: "le escribí a Ana y al final no lo envié".
    r"^.*?\b(?:y|pero) al final no\b", r"^.*?\ben borradores?\b", r"^.*?\bsin (?:enviar|mandar)\b",
    # Lo que uno decidió no hacer, o alguien que no vino; lo quedado antes que no se cumplió.
    r"me salte", r"nos saltamos", r"rechace", r"ignore", r"esquive", r"^.*?\bplant(?:on|ad[oa]s?)\b",
    r"^.*?\b(?:pero|y) se (?:le|les|me|nos) (?:olvido|paso)\b",
    r"^.*?\bse (?:le|les|me|nos) (?:olvido|paso)(?:[^\w]*$| (?:venir|quedar|llamar(?:me|nos)?|la cita))", r"^.*?\bcontestador\b",
    r"^.*?\b(?:habia|habiamos) quedado .*?pero\b",
    r"^.*?\b(?:en|a) (?:la|mi) agenda\b",
    # Lo quedado para un día, en perfecto: "He quedado con Ana el lunes" (se verán entonces);
    # una reserva: "Separé la cancha para el sábado".
    r"(?:he|hemos) quedado (?:con (?:[^\s]+ ){1,5}?)?(?:el|este|esta|para|mañana|manana) "
    r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|finde|fin de semana|tarde|noche|"
    r"manana|semana|dia|proximo|proxima)",
    r"^\s*(?:proxim[oa] \w+|manana|la semana que viene)\b[^:]{0,24}:",
    # Una etiqueta del periodo que cubre un plan o de lo que queda por hacer ("**Esta semana**:
    # comida con Ana", "Objetivos: reunión con Ana"), y un estado de algo aún sin hacer.
    r"^(?:[^\w]|_)*(?:esta semana|este mes|este trimestre|objetivos?|prioridades|metas?|plan|agenda|"
    r"pendientes?|proximos pasos|tareas)\b[^:]{0,24}:",
    r"^.*?\b(?:sin empezar|sin tocar|sin hacer)\b",
    r"^.*?\bsin (?:mi|nosotros|nosotras)\b",
    # La octava pasada: un intento que no alcanzó a nadie, dicho después del nombre ("le hice
    # videollamada a · pero no se conectó", "pasé por su casa pero ya se había ido", "quedé con
    # · pero no se presentó"): la llamada o la visita no llegó; un mensaje que no se entregó.
    r"intentand\w*", r"tratando de",
    r"^.*?\bno (?:me |se )?(?:lo |la )?(?:pillo|atendio|agarro|levanto|conecto|conectaba)\b",
    r"^.*?\bno se (?:present\w*|entrego|envio|hizo|celebro)\b",
    r"^.*?\b(?:ya )?se (?:habia|habian) (?:ido|marchado|salido)(?:[^\w]*$|,| (?:a|de|para|hacia|cuando)\b)",
    r"^.*?\bya no estaba\b",
    r"^.*?\b(?:llam|marq|marc|telefon|timbr|videollam|fui |fuimos|pase |pasamos|me acerque|toque)[^,;]*"
    r"(?:pero|y) (?:ya )?(?:estaba|estaban) (?:todo |toda )?(?:dormid[oa]s?|durmiendo|cerrad[oa]s?|"
    r"de vacaciones|de viaje|de guardia|fuera|en (?:una |otra |la )?reunion|reunid[oa]s?|ocupad[oa]s?|"
    r"en clase|en (?:el )?quirofano|con (?:un |una |unos )?(?:pacientes?|clientes?))\b",
    r"^.*?\b(?:pero|y) no (?:la|lo|los|las) (?:vi|encontre|halle|pille)(?:[^\w]*$|,| por ningun)",
    r"^.*?\b(?:rebot\w*|respuesta automatica|autorespuesta)\b", r"^.*?\b(?:me|nos) tiene bloquead[oa]s?\b",
    r"^.*?\b(?:un (?:solo )?check|una (?:sola )?palomita)\b", r"^.*?\bya no usa\b",
    # lo leído o visto de alguien, no lo que me escribió: "Leí lo que escribió · en su blog"
    r"(?:lei|vi|mire|escuche|he leido|he visto) lo que(?! me| nos| le)",
    # un plan acordado en pasado: "Acordamos con · vernos el lunes"; lo apuntado en el calendario
    r"acord\w* (?:con (?:[^\s,;]+ ){1,4}?)?(?:en )?\w+(?:ar|er|ir)(?:nos|se|le|la|lo)?\b",
    r"^.*?\b(?:en|a) (?:el|mi) calendario\b",
    # plans made, a date agreed, someone who left me waiting; a cancellation in the first person
    r"hic\w* planes", r"apalabr\w*",
    # "nun" niega como "no" (Asturias); lo que sigue sin pasar; un plan que se fue al traste,
    # lo dejado para otra ocasión, alguien que se echó atrás
    r"nun (?:le |la |lo |les |me |nos |te |se )?(?:he |hemos |ha |han |habia )?\w+",
    r"(?:sigo|seguimos|llevo|llevamos|estoy|estamos) (?:[^\s]+ ){0,3}?sin (?:\w+(?:ar|er|ir)|noticias)\b",
    r"^.*?\bse (?:fue|ha ido|nos fue|nos ha ido) al (?:carajo|traste|garete)\b",
    r"^.*?\b(?:cafe|comida|cena|reunion|llamada|videollamada|quedada|plan|almuerzo|junta|visita|"
    r"cita)\b[^,;]*(?:dejamos|deje|dejaron|quedo|ha quedado) (?:para|pa) (?:otra ocasion|otro dia|"
    r"otra vez|mas adelante|despues)\b",
    r"^.*?\bse (?:echo|echaron|ha echado|han echado) (?:para|pa) ?atras\b",
    r"(?:acord|fij|pact|concert|cuadr)\w* (?:una|la|el|un) (?:cita|reunion|llamada|videollamada|"
    r"comida|cena|quedada|cafe|visita)\b",
    r"^.*?\b(?:me|nos) (?:dejo|dejaron|ha dejado|han dejado) (?:colgad[oa]s?|plantad[oa]s?|tirad[oa]s?|"
    r"esperando)\b",
    r"^.*?\bcancel(?:e|aron|ara)\b", r"^.*?\banul(?:e|o|amos|aron|ad[oa]s?)\b",
    r"^.*?\b(?:pero|y) no (?:la|lo|le|los|las) (?:salude|pude saludar|alcance a saludar)(?:[^\w]*$|,)",
    # un estado que cierra la entrada y dice que aún no pasó: "Reunión con · (pendiente)"
    r"^.*?\b(?:pendiente|por confirmar|sin confirmar|por agendar|por cerrar|tentativ[oa]|"
    r"en el aire)[^\w]*$",
    # una llamada sin respuesta: "Le hablé a · por teléfono y no me contestó" (un mensaje sin
    # respuesta sí llegó)
    r"^.*?\b(?:llam|marq|marc|le habl|telefon|timbr|videollam)[^,;]*(?:(?:pero|y|,|:)|\() ?(?:nun|no) "
    r"(?:me |nos |le )?(?:lo |la )?(?:ha |han |habia )?(?:(?:contest|respond|cog|atend|alz|levant|agarr|"
    r"pill)\w*|(?:tom|devolv)\w* (?:el telefono|el celular|el movil|la llamada))",
    r"^.*?\b(?:sonaba y sonaba|sono y sono|sono hasta que se corto|se corto (?:la llamada )?antes de)",
    r"^.*?\b(?:pero|y) (?:ya )?(?:habia|habian) salido\b",
    r"^.*?\b(?:devolvio|dio|salio|me salio) (?:un |el )?error\b",
    r"^.*?\b(?:numero|correo|direccion|cuenta) (?:ya )?no existe\b", r"^.*?\bfuera de servicio\b",
    # dejado en visto; una cancelación en presente; una sola marca de entregado
    r"^.*?\b(?:me|nos) (?:dejo|dejaron|ha dejado|han dejado|tiene|tienen) en visto\b",
    r"^.*?\bse (?:suspende|cancela|aplaza|pospone)\b",
    r"^.*?\bse (?:nos |me )?cae (?:la|el) (?:cita|reunion|comida|cena|cafe|plan|quedada|llamada|visita)\b",
    r"^.*?\b(?:un|una) (?:solo |sola )?(?:tilde|tic|palomita|check)\b",
    r"separ\w* (?:la|el|una|un) (?:cancha|mesa|pista|turno|sala|hora|cita)", r"^.*?\bse(?<!\bque se) (?:ha |nos ha |le ha )?(?:caido|cayo) (?:la|el)\b",
)

# El imperfecto cuenta una costumbre o un fondo, no lo que pasó ese día ("cenaba con Ana los
# jueves", "con Ana siempre jugábamos"); "estaba con Ana" sí está con ella.
HABITUAL: tuple[str, ...] = (
    # (not a noun of a service or a shop: "tutoría", "asesoría", "cervecería"; no imperfect
    # ends so but "moría" and the "-ferir", "-gerir", "-querir" verbs: "prefería", "quería")
    r"(?!(?:estaba|estábamos|acaba|acababa)$)(?!\w*(?:[^m]oría|[tdcrzl]ería)s?$)"
    r"\w{2,}(?:aba|ábamos|aban|ía|íamos|ían)",
    r"iba|ibas|íbamos|ibais|iban",
)

# Quién participa (ver plugins/interactions/participation.py).
TOPICS: tuple[str, ...] = (
    r"sobre", r"acerca de", r"respecto de",
    r"a proposito de", r"habl\w* de", r"charl\w* de", r"coment\w* de", r"coment\w* lo de",
    r"pregunt\w* por",
    r"me acorde de", r"nos acordamos de",
)
COMPANIONS: tuple[str, ...] = (r"con", r"junto con")
# A future of the first person: the infinitive and "-é" ("llamaré", "escribiré", "veré"), or
# an irregular one ("saldré", "tendré", "haré", "podré") — not a preterite of a verb in "-rar"
# of the same shape ("preparé", "miré", "me enteré": es_past, from the lemmatiser's dictionary)
# nor one of another shape ("compré", "celebré", "encontré").
FIRST_PERSON_FUTURE = (r"(?!" + trie(PASTS_IN_RE) + r"$)[^\W\d_]*(?:[aei]r|(?:tend|pond|vend|"
                       r"sald|vald|hab|sab|cab|pod)r|querr)é")

# Un pretérito de la primera persona (o un participio tras "he"/"hemos"), nunca un futuro
# ("saldré con") ni un verbo que lleva "con" sin encontrarse con nadie ("comparé con",
# "soñé con").
DONE: tuple[str, ...] = (
    r"(?!(?:sone|soñe|compare|comparé|confundi|confundí|acorde|acordé|reserve|reservé|"
    r"organice|organicé|programe|programé|agende|agendé)$)(?!" + FIRST_PERSON_FUTURE + r"$)"
    r"\w{2,}[éí]",
    r"\w{2,}(?:amos|imos)",
    r"estuve|estuvimos|tuve|tuvimos|hice|hicimos|fui|fuimos|vine|vinimos|anduve|anduvimos|"
    r"di|dimos|vi|vimos|pude|pudimos|puse|pusimos|traje|trajimos|dije|dijimos|he|hemos",
)

# El tiempo de la oración entera (ver plugins/interactions/participation.py): una hora
# posterior al día de la nota, justo tras un encuentro o una llamada, lo hace un plan; lo que
# cuenta otro es su historia.
_DIAS = r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
LATER: tuple[str, ...] = (
    r"manana(?<!esta manana)(?<!la manana)(?<!de manana)(?<!una manana)(?<!cada manana)"
    r"(?<!media manana)(?<!toda manana)",
    r"(?:semana|mes|ano|finde|fin de semana|" + _DIAS[3:-1] + r") que viene",
    r"(?:el |la )?proxim[oa] (?:semana|mes|ano|finde|fin de semana|" + _DIAS[3:-1] + r")",
    r"(?:para|pa) (?:el |la |este |esta )?(?:" + _DIAS[3:-1] + r"|finde|fin de semana|semana|mes|"
    r"dia \d+|\d+ de \w+|\d{1,2}|manana|pasado manana|otro dia|mas adelante)",
    r"(?:al|pal) (?:" + _DIAS[3:-1] + r"|dia siguiente|mes que viene)",
    r"(?:a|para|hasta) (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"setiembre|octubre|noviembre|diciembre)",
    r"dentro de (?:un|una|dos|tres|cuatro|unos|unas|\d+) (?:dias?|semanas?|mes|meses)",
)
HEARSAY: tuple[str, ...] = (
    r"segun [^,;]{1,40},", r"al parecer", r"por lo visto", r"parece (?:ser )?que",
    r"(?:me|nos) (?:ha |han |habia )?(?:dijo|dijeron|conto|contaron|comento|comentaron|dicho|"
    r"contado|comentado|explico) (?:[^\s]+ ){0,3}?que",
    r"dicen? que", r"dijo que", r"conto que", r"cuentan que", r"se rumorea",
    r"(?:me )?(?:entere|he enterado) de que", r"(?:oi|escuche|he oido) que",
    r"supe (?:por [^,;]{1,40}? )?que", r"(?:oi|he oido|escuche|he escuchado) decir que", r"(?:me )?(?:entere|he enterado) por [^,;]{1,40}? (?:de )?que",
    r"me (?:llego|llegó) (?:el chisme|el rumor|el chisme|la noticia|el cuento) de que",
    r"dice", r"dicen",
)
LONG_AGO: tuple[str, ...] = (
    r"hace (?:anos|muchos anos|mucho tiempo|mucho|siglos|una eternidad|\d+ anos|decadas)",
    r"en (?:el (?:ano )?|el verano de |el invierno de )?(?:19|20)\d\d", r"en el '?[4-9]\d", r"en los (?:anos )?(?:19)?\d0",
    r"de (?:pequen[oa]s|nin[oa]s|jovenes|chaval[ea]s|crios|adolescentes|estudiantes)",
    r"cuando (?:eramos|estudiabamos|vivia|viviamos|era)", r"por aquel entonces",
    r"en aquella epoca", r"en su dia",
)

# "nos" says "the two of us" when its verb is ours ("nos vimos", "nos hemos escrito", "nos
# vemos"); before their verb it is only whom they acted on ("nos llamó", "nos conceden").
_RECIPROCAL = r"nos (?:(?:lo|la|los|las|le|les) )?(?:hemos |habiamos )?\w+(?:amos|emos|imos)"

# Who moved: Spanish says it in the verb ("llamé": I; "me llamó": they), whatever the order of
# the words ("A Ana la llamé ayer"). See plugins/interactions/reader.py.
_MINE = (r"llame", r"escribi", r"mande", r"envie", r"conteste", r"respondi", r"avise",
         r"salude", r"felicite", r"comente", r"comparti", r"mencione", r"etiquete", r"le di",
         r"whatsappee", r"wasapee", r"textee", r"chatee", r"contacte", r"invite", r"pregunte",
         r"agradeci", r"le devolvi la llamada",
         # "le" and a first person's past: "le dejé", "le pegué", "les conté"
         r"(?:le|les) (?!(?:gusta|encanta|parece|toca|queda|pasa)\b)\w{2,}[ei]\b")
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "out": _MINE,
    "in": (
        r"me (?:ha |han |habia )?(?!gusta\b|encanta\b|toco\b|tocado\b)\w+(?:o|io|aron|ieron|ado|ido|a)",
        r"(?:mensaje|correo|e-?mail|mail|llamada|whatsapp|wasap|respuesta|carta|nota|"
        r"invitacion|audio|sms|md|dm) (?:suyo|de(?! (?:voz|texto|audio|whatsapp|bienvenida|\d+|media|una|un|dos|tres|cuatro|"
        r"cinco|diez|quince|veinte|treinta|horas?|minutos?|min)\b))", r"llamo", r"escribio", r"contesto",
        r"respondio", r"mando", r"envio", r"aviso", r"saludo", r"felicito", r"comento",
        r"compartio", r"menciono", r"etiqueto", r"reacciono", r"acepto", r"devolvio la llamada",
        r"supe de", r"recibi",
    ),
    "both": (
        _RECIPROCAL, r"hablamos", r"charlamos", r"con {@}", r"reunion", r"conversamos", r"intercambiamos", r"chateamos",
        r"estuvimos", r"(?:una |la )?(?:llamada|videollamada|charla|conversacion|reunion) con",
        r"hable con", r"charle con", r"converse con",
        # (the tenth pass) the medium between: "Conversé por teléfono con ·"
        r"(?:hable|charle|converse|platique) por (?:[^\s]+ ){1,2}?con\b", r"nos escribimos", r"nos llamamos",
        r"{hablar} con", r"{chatear} con", r"{charlar} con", r"{conversar} con",
        r"(?:hablando|charlando|chateando|conversando) con", r"(?:de )?ida y vuelta",
        r"(?:consulta|entrevista|llamada|charla|screening|reunion|cita) telefonic[ao]",
        r"{contestar}", r"{responder}", r"{coger} el (?:telefono|movil|celular|celu)",
        r"(?:me |le |les |nos )?{devolver} la llamada", r"y(?<=· y) yo",
    ),
}


# A ticked task written as an instruction reports it done: "- [x] Llamar a Sergio".
TASKS: dict[str, tuple[str, ...]] = {
    "call": (r"llamar(?:le)? a", r"telefonear a", r"(?:hacer (?:una )?)?videollamada con",
             r"devolver(?:le)? la llamada a"),
    "message": (r"escribir(?:le)? a", r"(?:mandar|enviar)(?:le)? (?:[^\s]+ ){0,3}?a",
                r"contestar(?:le)? a", r"responder(?:le)? a", r"felicitar a"),
    "in_person": (r"quedar con", r"(?:comer|cenar|desayunar|almorzar|merendar) con",
                  r"tomar (?:[^\s]+ ){1,2}?con", r"ver a", r"visitar a", r"reunion con"),
}


# Un verbo propio justo tras el nombre: "Ana quiere que…", "Luis podría encargarse y se lo
# comenté a Marta": lo que sigue es lo suyo, no un encuentro mío con ellos.
SUBJECT_VERBS: tuple[str, ...] = (
    r"puede|podria|podra|debe|deberia|quiere|queria|tiene que|va a|piensa|cree|dice|opina|"
    r"propone|sugiere|necesita|prefiere|espera",
)



# Regional and colloquial forms, and the mood of a sentence, read as mechanisms rather than
# phrasings (docs/ladder.md, "Spanish"):
#
# - the pronoun written after a finite verb, as Galician-flavoured Spanish does ("escribíle",
#   "llamóme", "etiquetóme", "suspendióse"): the same event, the same direction;
# - the contraction "al" before a name ("ayudé al Tobal"), as "a la Yese" already reads;
# - an obligation or an achievement in the past before an instruction ("tuve que llamar a",
#   "me tocó llevar a", "por fin pude ver a"): it was done;
# - someone arriving with a purpose ("vino Ana a traerme…", "ha venido con su familia a
#   comer"), someone taken somewhere ("la llevé a pasear");
# - a call that reached no one, told after it ("pero no atendió", "estaba sin señal");
# - replies to a public item (a comment, a tweet) are social, not private messages.
_ENCLITIC = r"(?:le|les|la|lo|me|nos)"
_DUTY = (r"(?:tuve que|tuvimos que|(?:me|nos) (?:ha |han )?toc(?:o|ado)|(?:por fin )?(?:consegui|"
         r"conseguimos|logre|logramos|pude|pudimos|alcance a|alcanzamos a))")
_PUBLIC_ITEM = (r"(?:a )?(?:el|la|los|las|mi|mis|su|sus|tu|un|una) (?:[^\s]+ )?(?:comentario|tuit|trino|"
                r"tweet|post|publicacion|historia|story|storie|reel|hilo|foto|video|estado)s?")
_MORE_EVENTS: dict[str, tuple[str, ...]] = {
    "social": (
        r"(?:etiquete|etiqueto|mencione|menciono|comente|comento)" + _ENCLITIC,
        r"(?:puse|puso|deje|dejo)(?:le|les|me|nos) (?:un |una )?(?:[^\s]+ )?(?:comentario|like|"
        r"me gusta|corazon\w*)",
        r"(?:le|les|me|nos) (?:puse|puso|pusimos|pusieron|he puesto|ha puesto) (?:un |una )?"
        r"(?:[^\s]+ )?comentarios?",
        r"(?:(?:ha|he|hemos|han) dado|di|dio|dimos|dieron) (?:a |un |una )?"
        r"(?:me gusta|like|rt|retuit|retweet|fav|favorito|corazon\w*)",
        r"(?:me|le|les|nos) {contestar} " + _PUBLIC_ITEM,
        r"(?:me|le|les|nos) {responder} " + _PUBLIC_ITEM,
        r"{compartir} (?:[^\s]+ ){0,6}?que (?:hizo|publico|subio|escribio|grabo|colgo|saco|"
        r"posteo|puso|ha hecho|ha publicado|ha subido|ha puesto) {@}",
        # adding, following, accepting on a network: "me agregó en LinkedIn", "me siguió en Insta"
        r"(?:me|le|la|lo|nos) (?:agrego|agregue|agregaron|anadio|anadi|ha agregado|he agregado|"
        r"ha anadido|he anadido)", r"(?:me|la|lo|le) (?:siguio|segui|siguieron|ha seguido|he seguido)",
        r"(?:acepte|acepto|aceptaste) (?:la |su |mi )?(?:solicitud|invitacion)(?: de (?:amistad|"
        r"conexion))? de {@}",
    ),
    "message": (
        r"(?:escribi|escribio|mande|mando|envie|envio|conteste|contesto|respondi|respondio)"
        + _ENCLITIC,
        r"(?:estuve|estuvimos|estuvo) (?:[^\s]+ ){0,3}?(?:chateando|whatsappeando|wasapeando|"
        r"mensajeando\w*|escribiendonos|textando|texteando)",
        # the medium named: "le pasé el dato por mensaje"
        r"por (?:mensaje|mensajito|mensajes|sms|privado|chat|telegram|signal|slack|messenger|"
        r"texto)",
    ),
    "call": (
        r"(?:llame|llamo|telefonee|telefoneo)" + _ENCLITIC,
        r"(?:le |les |me |nos )?(?:pegue|pego|di|dio|he pegado|ha pegado) un (?:tubazo|"
        r"telefonazo|fonazo|timbrazo|llamado)", r"tubazo", r"(?:un|el|su|mi) llamado (?:de|a)",
        r"(?:me|le|nos) (?:colgo|colgue|colgaron|ha colgado|he colgado)(?! (?:el|la|los|las|un|"
        r"una|mi|su) )",
        # the medium named: "hablé con Ana por el celu"
        r"(?:por|al) (?:el )?(?:celu|celular|movil|fijo|telefono|telefonillo)",
        r"videollam(?:e|o|amos|aron|ado)",  # "videollamé con Ana"
        # a call someone had: "tuve una llamada con Ana" (and "Mi socio tuvo una llamada con
        # Ana" is theirs: the phrase opens at their verb)
        r"(?:tuve|tuvimos|tuvo|tuvieron|he tenido|ha tenido|hemos tenido) (?:una |la )?(?:[^\s]+ )?"
        r"(?:llamada|videollamada|videoconferencia|zoom|meet) (?:[^\s]+ ){0,2}?con",
    ),
    "in_person": (
        r"(?:encontre|junte|cruce)(?:me|nos) con",
        r"(?:me|nos|la|lo|le) {visitar}",  # "me visitó Ana", "la visité en el hospital"
        # being driven, helped, run into: "me llevó a casa", "me acercó hasta la estación",
        # "me ayudó con la mudanza", "le eché una mano", "coincidí con Ana en la reunión"
        r"(?:me|nos) {llevar} (?:{@} )?(?:a|al|hasta|en)",
        r"(?:me|nos|la|lo|le) (?:acerco|acerque|acercaron|ha acercado|he acercado) (?:{@} )?(?:a|al|hasta)",
        r"(?:me|nos) {ayudar} (?:{@} )?(?:con|a)",
        r"(?:le|les|me|nos) (?:eche|echo|echaron|echamos|he echado|ha echado|hemos echado) una mano",
        r"(?:coincidi|coincidimos|he coincidido|hemos coincidido) con {@} en",
        r"(?:me |nos )?{pasar} por (?:la |el |su )?(?:casa|tienda|oficina|despacho|taller|local|"
        r"estudio|trabajo|piso|depa|consulta|bar|restaurante|puesto) (?:de|del) {@}",
        r"(?:vino|vinieron|venido) (?:{@} )?(?:[^\s]+ ){0,4}?a (?:\w+(?:ar|er|ir)(?:me|nos)|comer|"
        r"cenar|merendar|desayunar|almorzar|tomar|saludar)\b",
        r"(?:vino|vinieron|venido) (?:{@} )?(?:a|al|a la|a mi|por) (?:casa|mi casa|despacho|oficina|"
        r"taller|trabajo|estudio|local|piso|depa|curro|laburo|chamba|tienda|consulta)\b",
        r"(?:he|hemos) ido a (?:ver|visitar|saludar|buscar|recoger) a",
        r"(?:la|lo|los|las|le|les) {llevar} (?:a|al|hasta) (?:pasear|comer|cenar|desayunar|"
        r"almorzar|merendar|tomar|conocer|dar una vuelta|casa|su casa|el aeropuerto|aeropuerto|"
        r"la estacion|la terminal|el medico|urgencias)",
        r"(?:estuvo|estuvieron|ha estado|han estado) en (?:casa|mi casa)(?: {@})?(?:[^\s]+ ){0,6}?"
        r"a (?:comer|cenar|merendar|desayunar|almorzar|tomar|dormir|verme|vernos)",
        r"(?:en|a) la casa (?:de|del) {@}",
        r"(?:en|a) (?:la|las|el|su|sus) (?:oficina|oficinas|despacho|estudio|piso|depa|departamento|"
        r"consulta) (?:de|del) {@}",
        _DUTY + r" (?:llevar|acompanar|recoger|ayudar|saludar|visitar)(?:le|la|lo|les)? (?:a|al)",
    ),
    "talk": (
        r"(?:me|nos) (?:he |hemos )?(?:quedamos|quede|quedado) (?:un rato |un buen rato |[^\s]+ )?"
        r"(?:hablando|charlando|conversando|platicando|de charla|de chachara|de palique)",
        r"platic\w* con", r"platicamos",
        # time spent with someone: in person, unless a medium is named ("me pasé la mañana al
        # teléfono con Ana")
        r"{pasar} (?:[^\s]+ ){1,4}?con",
        # helping, keeping company, gifts: "estuve ayudando a Ana", "le regalé una planta"
        r"(?:ayudando|acompanando|cuidando|visitando)(?:le|la|lo)? (?:a|al) {@}",
        r"(?:le|les|me|nos) (?:regale|regalo|regalamos|ha regalado|he regalado)",
        # showing, teaching, introducing, condolences: in person unless a medium is named
        r"(?:le|les|me|nos) (?:ensene|enseno|ensenamos|ensenaron|mostre|mostro|mostramos|"
        r"he ensenado|ha ensenado|he mostrado|ha mostrado) (?:el|la|los|las|su|mi|sus|mis|un|una)",
        r"(?:le|les|me|nos|la|lo) (?:presente|presento|presentamos|presentaron|he presentado|"
        r"ha presentado)",
        r"(?:le|les|me|nos) (?:di|dio|dimos|dieron) (?:el pesame|la enhorabuena|la bienvenida|"
        r"clase|clases)",
        _DUTY + r" (?:hablar|charlar|platicar|conversar)(?:le)? con",
    ),
}
# What a past duty or achievement opens: the instructions a ticked task reads (TASKS).
_DUTY_TASKS = {"call": (r"llamar(?:le|la|lo)? a", r"telefonear(?:le)? a",
                        r"(?:hacer(?:le)? (?:una )?)?videollamada (?:con|a)"),
               "message": (r"escribir(?:le)? a", r"(?:mandar|enviar)(?:le)? (?:[^\s]+ ){0,3}?a",
                           r"contestar(?:le)? a", r"responder(?:le)? a"),
               "in_person": (r"quedar con", r"(?:comer|cenar|desayunar|almorzar|merendar) con",
                             r"tomar (?:[^\s]+ ){1,2}?con", r"ver(?:le|la|lo)? a",
                             r"visitar(?:le|la|lo)? a")}


def _with_al(phrase: str) -> str:
    """``phrase`` with a personal "a" before a name, or closing it, also read as "al" ("ayudé
    al Tobal", "le escribí al Güero")."""
    return _AL.sub("(?:a|al)", phrase)


_AL = re.compile(r"(?<=[ })])a(?= \{@\}|$)")



def _duty(channel: str) -> tuple[str, ...]:
    """One phrase per channel for a past duty before its instructions (one phrase, not one per
    instruction: a clause is searched once for them all)."""
    tasks = _DUTY_TASKS.get(channel)
    return (_DUTY + " (?:" + "|".join(_with_al(t) for t in tasks) + ")",) if tasks else ()


EVENTS = {channel: tuple(_with_al(p) for p in EVENTS.get(channel, ()) + _MORE_EVENTS.get(
    channel, ())) + _duty(channel) for channel in dict.fromkeys((*EVENTS, *_MORE_EVENTS))}

INTENTS += (
    # the pronoun after the verb: "suspendióse la comida"
    r"^.*?\b(?:suspendio|cancelo|aplazo|pospuso|anulo|suspendieron|cancelaron|aplazaron)se\b",
    # a call that reached no one, told after it: "lo llamé pero no atendió", "estaba sin señal"
    # (one pattern: the rest of the clause is scanned once after a word for a call)
    r"^.*?\b(?:llam|telefone|marqu|timbr)\w*\b.*?\b(?:(?:pero|y) (?:(?:no|nadie|nunca) (?:me |le |lo |"
    r"la |les |se )?(?:lo |la )?(?:(?:atend|contest|respond|cog|coll|levant|pill)\w*|escuche|"
    r"escuchamos|oi|oimos|vi|vimos|senti)|no (?:habia|hubo) (?:manera|forma|modo))|sin senal|"
    r"sin cobertura|fuera de cobertura|apagado)\b",
    # a call missed: "tenía una llamada perdida de Ana", "perdí la llamada de Ana" (not one
    # returned: "le devolví la llamada perdida")
    r"^.*?\bllamadas? perdidas?(?<!devolvi la llamada perdida)(?<!devolvio la llamada perdida)",
    r"perd\w* (?:la|su|una|tu|sus|las) llamadas?",
    # "capaz (que)", "puede que": maybe
    r"capaz(?: que)?(?= )", r"puede que",
    # someone seen on a screen or in the press is no meeting: "vi a Ana en la tele"
    r"^.*?\b(?:vi(?<!\wvi)|vimos(?<!\wvimos)|salio(?<!\wsalio)|aparecio(?<!\waparecio)) "
    r"(?:[^\s]+ ){0,3}?(?:en|por) (?:la tele|"
    r"la television|la radio|el telediario|las noticias|youtube|el periodico|la prensa|un video|"
    r"un documental|el noticiero|el noticiario|el informativo|twitch|netflix|streaming|"
    r"(?:un |el |su )?(?:directo|live|reel|tiktok|podcast))\b",
    # (the eighth pass) seen or heard on a screen whatever the verb: "Oí a · en la radio",
    # "Vi a · dando una charla en YouTube"
    r"^.*?\b(?:vi|vimos|oi|oimos|escuche|escuchamos|mire|he visto|he oido)(?![\w])[^,;]{0,40}? "
    r"(?:en|por) (?:la tele|la television|la radio|el noticiero|el telediario|las noticias|youtube|"
    r"twitch|netflix|streaming)\b",
    # a visit that reached no one: "fui a verlo pero no dejaban pasar", "no me abrió"
    r"^.*?\b(?:pero|y) (?:ya )?no (?:me |nos )?(?:dejaban|dejaron|dejan|abrio|abrieron|abria)\b",
    # an agreement is about a later day: "acordamos con Renzo que el viernes…", "quedamos con
    # Ana en que la llamo"
    r"(?:acord|pact|decid)\w* (?:con (?:[^\s]+ ){1,4}?)?que",
    r"qued\w* con (?:[^\s]+ ){1,4}?en (?:que|\w+(?:ar|er|ir)(?:nos|le|la|lo|les|me|te)?\b)",
    # what would have been, and a habit told by "every time"
    r"(?:hubier|hubies)\w*", r"habria\w*", r"cada (?:vez )?que", r"siempre que",
    # a label for a time to come: "Para la semana: café con Ana", "Pa' mañana: …"
    r"^(?:[^\w]|_)*pa(?:ra|')? [^:]{1,24}:",
    # a message that never arrived
    r"^.*?\b(?:pero|y) (?:me |se )?rebot\w*",
)

# The fifth pass: structures rather than phrasings (docs/ladder.md, "Spanish"):
#
# - someone's act on a public thing of mine, told in the third person ("citó mi trino", "ha
#   compartido mi vídeo", "compartió el video que subí"), and mine on theirs ("compartí su
#   hilo"): social, whatever the verb;
# - someone coming to where I am: "pasó por mi jato", "vino Lupita a recoger la camioneta",
#   "se quedó platicando"; a passive with them as its agent ("fui citado por Mauricio");
# - a reply to a call is an exchange ("me regresó la llamada"), a voicemail a failure ("me
#   salió buzón"), reading something in the press no contact ("leí en El País la carta de …").
_PUBLIC = (r"(?:comentario|tuit|tweet|trino|post|publicacion|historia|story|storie|reel|hilo|"
           r"foto|video|estado|entrada|articulo|short|tiktok)s?")
# words ending in "o" before "mi" that are no verb: "como mi foto", "todo mi hilo"
_NOT_A_VERB = ("como", "todo", "pero", "solo", "cuando", "tanto", "lo", "yo", "cuanto", "o")
_MINE_PUBLIC = r"(?:mi|mis) (?:[^\s]+ )?" + _PUBLIC
_DROP_OFF = (r"(?:casa|estacion|aeropuerto|trabajo|curro|laburo|colegio|cole|escuela|oficina|"
             r"hotel|parada|puerta|esquina|terminal|hospital|portal)\b")
_FIFTH_EVENTS: dict[str, tuple[str, ...]] = {
    "social": (
        # a third person's past right before "mi": "citó mi", "ha compartido mi", "vieron mis"
        *(word + r"(?:(?<=o " + word + r")|(?<=ron " + word + r"))" + "".join(
            r"(?<!\b" + other + " " + word + ")" for other in _NOT_A_VERB) + r" (?:[^\s]+ )?"
          + _PUBLIC for word in ("mi", "mis")),
        r"(?:comparti|comente|retuitee|cite|reenvie|respondi|conteste|difundi)(?: a)? (?:su|sus) "
        r"(?:[^\s]+ )?" + _PUBLIC,
        r"{contestar} (?:a )?" + _MINE_PUBLIC, r"{responder} (?:a )?" + _MINE_PUBLIC,
        r"{compartir} (?:[^\s]+ ){0,6}?que (?:subi|publique|hice|escribi|grabe|colgue|saque|"
        r"postee|(?:he|hemos) (?:subido|publicado|hecho|escrito|grabado|colgado)|subimos|publicamos|"
        r"hicimos|grabamos|colgamos)",
    ),
    "message": (
        # a message in a note-taker's shorthand: "msj a ·", "mje de ·"
        r"(?:msj|msjs|mje|mjes|msg|msgs) (?:de|a|al|con|para) {@}",
    ),
    "call": (
        r"(?:me |le |les |nos )?(?:regreso|regrese|regresaron|retorno|retorne|(?:ha|he|han) "
        r"(?:regresado|retornado)) la llamada",
        # an app for calls named as the entry: "Teams con ella y su equipo"
        r"(?:teams|webex|meet|jitsi) con",
    ),
    "in_person": (
        r"(?:paso|pasaron|(?:ha|han) pasado) por (?:mi|nuestr[oa]s?) (?!(?:mente|cabeza|lado|"
        r"cuenta|perfil|muro|blog|canal)\b)[^\s]+",
        r"(?:vino|vinieron|(?:ha|han) venido) {@} (?:[^\s]+ ){0,4}?a [a-zn]+(?:ar|er|ir)\b",
        # a hand given, a visit dropped in on (Rioplatense "caer"): "me dio una mano",
        # "cayó por casa", "cayeron de sorpresa"
        r"(?:le|les|me|nos) (?:di|dio|dimos|dieron|eche|echo|echaron|echamos|(?:he|ha|hemos|han) "
        r"(?:dado|echado)) (?:una|la) mano",
        r"(?:cayo|cayeron|(?:ha|han) caido) (?:de sorpresa|de visita|sin avisar|por (?:casa|mi casa|"
        r"aca|aqui|el laburo|la oficina|el taller|el local|el departamento|el depto))",
        # a diary's entry about their occasion, then what we did there: "Cumple de la abuela
        # Pili en su casa, soplamos velas", "Despedida de Nico en lo de Vale, lloramos todos"
        # (not the bare reminder "Cumple de Pili")
        r"^(?:[^\w]|_)*(?:cumple|cumpleanos|santo|boda|fiesta|despedida|bautizo|comunion|"
        r"graduacion|velorio|funeral|entierro|jubilacion) (?:de|del) (?:la |el )?(?:[^\s]+ )?{@}"
        r"(?: (?!(?:que|proxim[oa]|manana|para|pal|pa)\b)[^\s]+){0,8}? [a-z]{2,}(?:amos|imos)\b",
        # a trip to see them: "fui a Lugo a ver a ·", "fuimos hasta Tigre a visitar a ·"
        r"(?:fui|fuimos|(?:he|hemos) ido|vine|vinimos) (?:a|al|hasta|para) (?:[^\s]+ ){1,3}?a "
        r"(?:ver|visitar|saludar)(?:le|la|lo)? a",
        # dropping someone off, being dropped off: "dejé a · en su casa", "· me dejó en la
        # estación" (not "dejé a ·": a parting)
        r"(?:deje|dejamos|(?:he|hemos) dejado) a {@} en (?:su |la |el |mi )?" + _DROP_OFF,
        r"(?:me|nos) (?:dejo|dejaron|(?:ha|han) dejado) (?:{@} )?en (?:su |la |el |mi )?" + _DROP_OFF,
        # at their place, "lo de ·" (Rioplatense): "pasé por lo de · a dejarle la torta"
        r"(?:me |nos )?{pasar} por lo (?:de|del) {@}",
        # dropping in (Caribbean, Rioplatense "caer"), staying over: "me cayó a la casa",
        # "se quedó a dormir" (not "… en casa de ·": someone else's)
        r"(?:me |nos )?(?:cayo|cayeron|(?:ha|han) caido) (?:a|en) (?:la |mi |nuestra |nuestro )?"
        r"(?:casa|oficina|depa|departamento|apartamento|apto|trabajo|taller|local)\b",
        r"se (?:quedo|quedaron|(?:ha|han) quedado) a (?:dormir|comer|cenar|almorzar|desayunar|"
        r"merendar)\b(?! (?:en|a) (?:la )?casa (?:de|del)\b)",
        # their class, talk or show attended: "asistí a la clase de ·", "fui a la charla de ·"
        r"(?:asisti|asistimos|fui|fuimos|estuve|estuvimos) (?:a|al|en) (?:la |el |su |una |un )?"
        r"(?:clase|charla|taller|curso|conferencia|presentacion|ponencia|seminario|concierto|"
        r"recital|obra|exposicion|lectura|firma) (?:[^\s]+ ){0,2}?(?:de|del) {@}",
        # turning up where I am: "apareció Marta por el bar", "se apareció por la oficina"
        r"(?:se )?(?:aparecio|aparecieron|(?:ha|han) aparecido) (?:{@} )?por\b",
        # invited by them to something had together: "me invitó a un café" (not a message)
        r"(?:me|nos) {invitar} a (?:una |un |unas |unos )?(?:cana|canas|cafe|cafecito|cerveza|"
        r"copa|vino|vermu|comer|cenar|desayunar|almorzar|merendar|ronda|tomar|su casa)",
    ),
    "talk": (
        # an interview as a diary's entry: "Entrevista a · en su casa", "10:00 entrevista con ·"
        r"^(?:[^\w]|_)*(?:\d{1,2}[:.h]\d\d\s*(?:h\s*)?)?entrevista (?:a|al|con) {@}",
        # the writer and a contact as subject, in the perfect: "· y yo hemos ido al mercado"
        r"y(?<=· y) yo (?:nos |me |le |les |la |lo )?(?:hemos|habiamos) [a-z]*(?:ado|ido|cho|to|sto)",
        r"se (?:quedo|quedaron|(?:ha|han) quedado) (?:un rato |un buen rato |[^\s]+ )?"
        r"(?:hablando|charlando|conversando|platicando|de charla|de palique)",
        r"(?:fui|fuimos|(?:he|hemos) sido) (?!(?:bloquead|ignorad|rechazad|despedid|denunciad|"
        r"demandad|criticad|insultad|mencionad|etiquetad|nombrad|elegid|votad)\w*)"
        r"[a-zn]+(?:ad|id)[oa]s? por {@}",
    ),
}
_FIFTH_TASKS = {"call": (r"marcar(?:le)? a",)}
EVENTS = {channel: EVENTS.get(channel, ()) + tuple(_with_al(p) for p in _FIFTH_EVENTS.get(
    channel, ())) for channel in dict.fromkeys((*EVENTS, *_FIFTH_EVENTS))}
TASKS = {channel: TASKS.get(channel, ()) + _FIFTH_TASKS.get(channel, ())
         for channel in dict.fromkeys((*TASKS, *_FIFTH_TASKS))}
INTENTS += (
    # a call that reached the voicemail: "me salió buzón", "saltó el contestador"
    r"^.*?\b(?:salio|salto|saltaba|sale|salta|me mando|me manda) (?:el |directo al |al |a )?"
    r"(?:buzon|contestador\w*)\b",
    # (the tenth pass) the machine named in the feminine: "me salió la contestadora"
    r"^.*?\b(?:salio|salto|saltaba|sale|salta|me mando|me manda) (?:la |directo a la |a la )"
    r"contestadora\b",
    # (the tenth pass) tickets bought or booked for a visit to come: "compré los pasajes
    # para ir donde ·"
    r"^.*?\b(?:compr|reserv|saqu|sac)\w* (?:[^\s]+ ){0,4}?para "
    r"(?:ir|irme|irnos|viajar|volar|visitar|ver)\b",
    # a meeting moved, told without "se": "la cita con · la movieron pal viernes"
    r"^.*?\b(?:lo|la|los|las) (?:pasaron|movieron|cambiaron|corrieron|pasamos|movimos|cambiamos|"
    r"corrimos|pase|movi|cambie|corri|retrasaron|adelantaron) (?:al|a la|para el|para la|pal|pa el|"
    r"pa la|a otro|a otra) (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|semana|tarde|"
    r"manana|noche|proximo|proxima|otro|otra|dia|mes|finde)\b",
    # a weekday, then a present of mine or a past of someone else's before "con": "El jueves
    # ceno con ·" (a plan), "El jueves cenó con ·" (theirs) — not "El jueves cené con ·"
    r"^(?:[^\w]|_)*(?:el |este |el proximo )?(?:lunes|martes|miercoles|jueves|viernes|sabado|"
    r"domingo),? (?:[a-z]+ )?[a-z]{2,}o con\b",
    # a call that got nothing, told as a word of its own: "Le marqué dos veces, nada, …"
    r"^.*?\b(?:llam|telefone|marqu|timbr)\w*\b[^,]*, (?:y )?nada(?=\s*(?:,|$))",
    # a dream: "lo abracé en sueños"
    r"^.*?\ben suenos\b",
    # something read in the press: "leí en El País la carta de …"
    r"(?:lei|leimos|(?:he|hemos) leido) en(?! (?:el |un |mi |su )?(?:grupo|chat|mensaje|"
    r"correo|mail|whatsapp|wasap)\b)",
)

# The sixth pass: mood and scope (docs/ladder.md, "Spanish: the sixth pass"):
#
# - an arrangement told in the past is a plan: my past of arranging with someone, then a day
#   of the week ("Quedé con · el jueves para…", "Dejé apalabrado con · … el viernes"; not a
#   subjunctive after a pronoun: "para que se quede con los niños el sábado"), or a
#   verb of settling with them for something ("Arreglé con · para vernos", "Cuadré con · para
#   ir…") — not "Quedé con · para tomar un café", which is how a meeting is told;
# - a plan whose subject fell through after it ("La reunión con · se ha caído");
# - what should have been done ("Debí haberle contestado a ·");
# - a call that found the line busy or no signal ("y sonó ocupado", "pero no había señal").
_WEEKDAY = r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|finde|fin de semana)"
_PLANNED = (r"(?:reunion|cita|comida|cena|cafe|quedada|llamada|videollamada|plan|planes|visita|"
            r"junta|almuerzo|desayuno|entrevista|clase|tutoria|partido|asado|quedada)")
INTENTS += (
    r"^.*?\b(?<!se )(?<!me )(?<!te )(?<!le )(?<!nos )(?:quede|quedamos|deje apalabrad[oa]|dejamos apalabrad[oa]|apalabre|apalabramos) "
    r"con\b.*?\b(?:el|este|esta|para el) " + _WEEKDAY + r"\b(?! pasado)",
    r"^.*?\b(?:arregle|arreglamos|cuadre|cuadramos|coordine|coordinamos|concrete|concretamos) "
    r"con (?:[^\s]+ ){1,4}?pa(?:ra)? (?:\w+ )?\w*(?:ar|er|ir)(?:nos|le|la|lo|me|se)?\b",
    r"^.*?\b" + _PLANNED + r"\b.*?\bse (?:nos |me |le |les )?(?:ha |han )?(?:caido|cayo|cayeron)\b",
    r"deb(?:i|imos|io|ieron|ia|iamos)(?: de)? haber\w*",
    r"^.*?\b(?:llam|telefone|marqu|timbr)\w*\b.*?\b(?:(?:sono|sonaba|daba|salia|comunicaba|estaba) "
    r"ocupad[oa]|linea ocupada|(?:no|ni) (?:habia|hubo|tenia|tenian|tengo|hay) (?:senal|cobertura|"
    r"linea|red))\b",
)

DIRECTIONS = {
    "out": DIRECTIONS["out"] + (
        r"(?:escribi|mande|envie|conteste|respondi|llame|telefonee|etiquete|mencione|comente|"
        r"puse|deje|pegue)(?:le|les)",  # "escribíle", "púsele"
        # the writer's perfect, or a past with a pronoun for them: "le he dado", "la llevé"
        r"(?:le|les|la|lo|los|las) (?:he|hemos) \w+(?:ado|ido|cho|to)",
        r"(?:la|lo|los|las) (?:lleve|llevamos|recogi|recogimos|acompane|acompanamos|invite|"
        r"invitamos|llame|salude|visite|vi|vimos|abrace|ayude)"),
    "in": DIRECTIONS["in"] + (
        r"(?:escribio|mando|envio|contesto|respondio|llamo|telefoneo|etiqueto|menciono|comento|"
        r"puso|dejo|escribieron|mandaron|enviaron|llamaron|etiquetaron)(?:me|nos)",  # "llamóme"
        r"nos (?:ha |han |habia )?\w+(?:o|io|aron|ieron|ado|ido)",  # "nos llamó", "nos ha escrito"
        r"(?:msj|msjs|mje|mjes|msg|msgs) de",  # a message in shorthand from them: "msj de ·"
    ),
    # a conversation by nature, whoever asked for it: "me entrevistó por Zoom"
    "both": DIRECTIONS["both"] + (
        # a call returned, a colloquial participle of a reply: "me regresó la llamada",
        # "me ha contestao"
        r"(?:regres|retorn)\w* la llamada", r"(?:contest|respond)ao",
        # a call or a message back, as the Río de la Plata says it: "me llamó de vuelta"
        r"(?:llam|telefone|escrib|mand|marc|marqu)\w* de vuelta",
        r"(?:me|le|la|lo|nos) (?:entrevisto|entrevistaron|entreviste|ha entrevistado|"
        r"he entrevistado)", r"entrevista con"),
}

# The seventh pass: Spanish as it is spoken, read by its forms (docs/ladder.md, "Spanish: the
# seventh pass"):
#
# - a participle clipped of its "d" ("me ha llamao", "le he dao un toque", "se ha suspendío"):
#   the verbs named by lemma gain those forms (vinculo.lemmas.clipped), and every participle
#   written out in a phrase below is read with or without its "d";
# - the perfect of a cancellation ("se ha suspendido", "se ha cancelao"), as its preterite is;
# - "he" before a clipped participle of "-ir" ("he compartío") is mine: its folded form is no
#   third person's preterite ("compartió");
# - a reply to be ticked is an exchange, as every reply is ("- [x] contestar a ·").
INTENTS += (
    r"^.*?\b(?:suspendi|cancela|aplaza|anula)d?[oa]s?\b",
)
# - a thing of mine shared, whatever stands between ("ha compartido en sus stories mi jarra");
#   a network's verbs borrowed from English ("me tagueó", "reposteé su reel"); "platicar",
#   the American "charlar".
_SEVENTH_EVENTS: dict[str, tuple[str, ...]] = {
    "social": (
        r"{compartir} (?:[^\s·]+ ){1,6}?(?:mi|mis|nuestr[oa]s?)(?= )",
        r"(?:me|le|la|lo|nos|les) (?:(?:ha|han|he) )?tag(?:u)?e(?:o|aron|e|ad?o)\b",
        r"(?:(?:ha|han|he|hemos) )?reposte(?:e|o|amos|aron|ad?o)\b",
        # a like given "al me gusta"; a reply on a public thing, its person named between
        r"(?:di|dio|dimos|dieron|(?:he|ha|hemos|han) dad?o) (?:a|al) (?:me gusta|like|corazon\w*)",
        r"(?:me|le|les|nos) {contestar} (?:a {@} )?(?:en )?" + _PUBLIC_ITEM,
        r"(?:me|le|les|nos) {responder} (?:a {@} )?(?:en )?" + _PUBLIC_ITEM,
    ),
    "talk": (r"{platicar} con", r"platicamos"),
}
EVENTS = {channel: EVENTS.get(channel, ()) + _SEVENTH_EVENTS.get(channel, ())
          for channel in dict.fromkeys((*EVENTS, *_SEVENTH_EVENTS))}
DIRECTIONS = {
    "out": DIRECTIONS["out"],
    "in": tuple(r"(?<!\bhe )(?<!\bhemos )(?:" + p + ")" for p in DIRECTIONS["in"]),
    "both": DIRECTIONS["both"] + (r"(?:contestar|responder)(?:le|les)? a", r"platicamos",
                                  r"{platicar} con"),
}
_PARTICIPLE = re.compile(r"(?<=[a-z:|(])ado(?![a-z])")
_PARTICIPLE_IR = re.compile(r"(?<=[:|(])ido(?=[|)])")


def _clipped(phrase: str) -> str:
    """``phrase`` with its participles also read without their "d" ("dado" → "dao")."""
    return _PARTICIPLE_IR.sub("id?o", _PARTICIPLE.sub("ad?o", phrase))


EVENTS = {channel: tuple(_clipped(p) for p in phrases) for channel, phrases in EVENTS.items()}
INTENTS = tuple(_clipped(p) for p in INTENTS)
DIRECTIONS = {direction: tuple(_clipped(p) for p in phrases)
              for direction, phrases in DIRECTIONS.items()}

# Not a day's event of the writer's: a past subjunctive or the Galician pluperfect ("quedáramos":
# we had arranged), and the agreements about later ("acordamos con Renzo que…").
DONE = (r"(?!(?:acordamos|pactamos|decidimos|planeamos|\w*(?:áramos|éramos|ásemos|ésemos))$)"
        + DONE[1], DONE[0], DONE[2])
# Words that open a leading clause of time or concession: up to its comma, another part of
# the sentence ("Aunque el turno fue un caos, …", "Cuando volví de la farmacia, …").
LEADS: tuple[str, ...] = ("mientras", "cuando", "aunque", "despues de que", "en cuanto")


# The verb's form (one word, lowercase with its accents): a plan in any person ("llamaré",
# "saldrá", "cenaremos"; not the present "queremos"), and someone else's past ("salió",
# "llamaron", "hizo", the auxiliary of their perfect: "ha salido").
_FUTURE_STEM = (r"[^\W\d_]*(?:[aei]r|(?:tend|pond|vend|sald|vald|hab|sab|cab|pod)r|querr)")
FUTURE: tuple[str, ...] = (
    FIRST_PERSON_FUTURE,
    _FUTURE_STEM + r"(?:ás|á|án|éis)",
    r"(?![^\W\d_]*queremos$)" + _FUTURE_STEM + r"emos",
)
THEIR_PAST: tuple[str, ...] = (
    # (not "me tocó": a duty that fell to the writer, done by the writer)
    r"(?!toc(?:ó|aron)$)[^\W\d_]{2,}(?:ó|aron|ieron)", r"ha|han",
    r"hizo|trajo|dio|puso|dijo|quiso|tuvo|estuvo|condujo|hicieron|trajeron|dieron|pusieron|"
    r"dijeron|tuvieron|estuvieron",
)

# Word lists the reader's shapes consult (see vinculo.model.Vocabulary ``word_lists``): folded
# beginnings of words, or fragments of a regular expression where a word must end.
WORD_LISTS: dict[str, tuple[str, ...]] = {
    # someone's past on me that is no time together: a feeling, money, a thing done about me
    # elsewhere, a message or a call (their own phrases read those)
    "not_on_me": (
        "gust", "encant", "molest", "preocup", "sorprend", "asust", "enfad", "cabre",
        "decepcion", "emocion", "parec", "cay", "deb", "pag", "cobr", "bloque", "ignor",
        "olvid", "record", "recomend", "mencion", "etiquet", "cit", "agreg", "anad", "sigu",
        "denunci", "desped", "rob", "mint", "engan", "fall", "dej", "odi", "cans", "hart",
        "aburr", "confund", "dol", "borr", "elimin", "rechaz", "prohib", "neg", "mand", "envi",
        "escrib", "llam", "contest", "respond", "toc", "pas", "qued", "import", "interes",
        "dijo", "dijeron", "cont", "caus", "dij", "divirt", "gan", "quit", "cambi"),
    # my past on someone that needs no meeting: a feeling, a choice, a mention, a
    # replacement, a reading, a wait, a loss, a block
    "not_with_them": (
        "recomend", "mencion", "etiquet", "contrat", "extran", "bloque", "desbloque", "ech",
        "elegi", "vote", "nombr", "sustitu", "reemplac", "cubri", "odie", "lei", "escuch",
        "esper", "defendi", "critiqu", "denunci", "demand", "despedi", "cite", "imite", "sigui",
        "agregue", "anadi", "acepte", "perdi", "olvide", "ignore", "evite", "dej", "convenci",
        "vigile", "admire", "envidie", "ame", "quise", "adore", "extrane", "felicite", "nomine",
        "propuse", "presente", "descubri", "investigue", "busque en", "googlee", "stalkee",
        "vi", "mire"),
    # acts done for someone rather than with them: bought, set aside, booked, made, ordered
    "for_them": (
        "compr", "apart", "reserv", "separ", "prepar", "guard", "hic", "cocin", "consegu",
        "busqu", "encargu", "pagu", "arregl", "imprim", "envolv", "pedi", "escog", "elegi"),
    # first persons plural that are only a present (a preterite has another form), or a state
    # rather than a day's act ("trabajamos en lo mismo")
    "only_present": (
        r"(?:estamos|vamos|damos|decimos|venimos|andamos|seguimos|somos|hacemos|tenemos|"
        r"podemos|queremos|trabajamos|vivimos|conocemos)$",),
    "negations": (r"(?:no|nunca|ni|jamas|tampoco|nun)$",),
    # after "me hizo", "me trajo", "me dio": a figure of speech ("me hizo gracia", "me trajo
    # problemas"), no thing done
    "figures": (
        r"(?:(?:un|una|unos|unas|muchos|muchas|la|el) )?(?:problemas?|disgustos?|lio|lios|"
        r"mala suerte|suerte|recuerdos|dolor de cabeza|susto|sustazo|pena|lata|razon|espalda|"
        r"planton|largas|igual|asco|rabia|miedo|risa|verguenza|lastima|envidia|celos|gusto|"
        r"tiempo|dinero|plata|pasta|like|me gusta)\b",
        r"(?:gracia|caso|dano|ilusion|falta|sentir|pensar|reir|llorar|sufrir|enojar|enfadar|"
        r"bien|mal|feliz)\b"),
    # what someone comes here to do that is no visit: "vino a vivir a Murcia"
    "settling": ("viv", "trabaj", "estudi", "instal", "mud", "nac", "mor", "quedarse"),
    # the medium a clause names, when its event is read from its structure ("· me dio follow
    # en Instagram", "Mensajitos con ·")
    "social_media": (
        r"en (?:el |su |mi )?(?:instagram|insta|facebook|face|fb|tiktok|twitter|linkedin|"
        r"youtube|strava|threads|bluesky)\b",
        r"en (?:mi|su|sus|mis|un|una|el|la) (?:live|directo|stories|historias?|muro|perfil|reel|"
        r"feed)\b", r"(?:follow|shoutout|shout-out|unfollow|retuit)(?![\w-])"),
    "message_media": (r"(?:un |el |su |mi )?(?:texto|textito)s?\b", r"mensajit[oa]s?\b"),
    # a thing someone posts or makes: what a later "lo"/"la" stands for ("· subió un TikTok…,
    # lo vi")
    "made_things": (
        r"(?:un|una|el|la|su|sus|unos|unas) (?:[^\s·]+ )?(?:tiktok|video|reel|post|foto|story|"
        r"storie|historia|publicacion|cancion|tema|podcast|articulo|libro|tuit|hilo|short)s?\b",),
    # an attempt to write: after it fails, a call is another medium, not more of the attempt
    "message_tries": (r"(?:escribir|mandar|enviar|contestar|responder)(?:le|les)?\b",),
    # quedarse con alguien es estar con él ("· se quedó conmigo toda la tarde"), aunque
    # "quedar" solo no lo sea ("me quedó claro")
    "stayed_with": (r"se qued(?:o|aron|ado)\b",),
    # lo que abre la oración tras una llamada y dice que no alcanzó a nadie ("Llamé a ·. No
    # contestó.", "Le marqué a ·; buzón")
    "unreached": (
        r"(?:nadie|no) (?:me |se )?(?:lo |la )?(?:contesto|contesta|contestaba|cogio|coge|cogia|"
        r"atendio|atiende|atendia|pillo|respondio|responde|levanto|agarro)\b",
        r"(?:buzon|contestador\w*|comunicaba|fuera de cobertura|sin (?:senal|cobertura|respuesta|"
        r"suerte))\b", r"(?:apagad[oa]|ocupado)(?:[^\w]*$|,)",
        # "Nada." alone, or with a failure after its comma ("nada, no contestó"): "Nada,
        # todo bien con el piso" is the talk's outcome, not the call's
        r"(?:nada|na)(?:[^\w]*$|,\s*(?:no|ni|nadie|nunca|sin|buzon|contestador\w*|apagad[oa]|ocupado)\b)",
        r"(?:me )?(?:salto|salio|mando|mandaba|dejo) (?:el |al |a |directo al |directo a )?"
        r"(?:buzon|contestador\w*)\b"),
    # lo que abre la oración tras una visita o una llamada y dice que no estaba
    "not_there": (
        r"no (?:estaba|estaban|habia nadie|lo encontre|la encontre)\b",
        r"(?:ya )?se (?:habia|habian) (?:ido|marchado)\b", r"nadie (?:abrio|estaba)\b"),
    # who carried what passed: "le mandé saludos a · a través de ·"
    "go_betweens": (r"(?:a traves|por medio|por mediacion|por intermedio) de\b",),
    # an attitude said as a thing given: "le llevé la contraria", "le di la razón"
    "attitudes": (r"la contraria\b", r"la razon\b", r"la culpa\b", r"la espalda\b",
                  r"largas\b"),
}


@hookimpl
def register_vocabulary() -> list[Vocabulary]:
    return [Vocabulary("es", events=EVENTS, intents=INTENTS, directions=DIRECTIONS,
                       tasks=TASKS, topics=TOPICS, companions=COMPANIONS, done=DONE,
                       habitual=HABITUAL, later=LATER, hearsay=HEARSAY,
                       long_ago=LONG_AGO, subject_verbs=SUBJECT_VERBS, leads=LEADS, future=FUTURE,
                       their_past=THEIR_PAST, word_lists=WORD_LISTS)]
