"""The words the tool itself prints, per language. A content file may override any of them
under `labels:`; a language missing here is an error, never a quiet fall-back to English."""

from __future__ import annotations

from handout.errors import ContentError
from handout.model import Handout

KEYS = (
    "kicker",
    "page",
    "revised",
    "draft_mark",
    "draft_notice",
    "qr_hint",
    "qr_alt",
    "identifiers_sep",
    "language_name",
    "continued",
    "disclaimer",
    "key_points",
)

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "kicker": "Patient information",
        "page": "Page {page} of {pages}",
        "revised": "Revised {date}",
        "draft_mark": "DRAFT",
        "draft_notice": "Draft: not yet reviewed for use with patients",
        "qr_hint": "Scan with your phone camera, or type:",
        "qr_alt": "QR code: {caption}. Opens {url}",
        "identifiers_sep": ": ",
        "language_name": "English",
        "continued": "{title} (continued)",
        "disclaimer": "This information does not replace the advice of your health care team.",
        "key_points": "Key points",
    },
    "fr": {
        "kicker": "Information pour les patients",
        "page": "Page {page} de {pages}",
        "revised": "Révision : {date}",
        "draft_mark": "ÉBAUCHE",
        "draft_notice": "Ébauche : pas encore révisée pour utilisation auprès des patients",
        "qr_hint": "Balayez avec l'appareil photo de votre téléphone ou tapez :",
        "qr_alt": "Code QR : {caption}. Ouvre {url}",
        "identifiers_sep": " : ",
        "language_name": "Français",
        "continued": "{title} (suite)",
        "disclaimer": (
            "Ces renseignements ne remplacent pas les conseils de votre équipe soignante."
        ),
        "key_points": "Points clés",
    },
    "es": {
        "kicker": "Información para pacientes",
        "page": "Página {page} de {pages}",
        "revised": "Revisión: {date}",
        "draft_mark": "BORRADOR",
        "draft_notice": "Borrador: aún no revisado para su uso con pacientes",
        "qr_hint": "Escanee con la cámara de su teléfono o escriba:",
        "qr_alt": "Código QR: {caption}. Abre {url}",
        "identifiers_sep": ": ",
        "language_name": "Español",
        "continued": "{title} (continuación)",
        "disclaimer": "Esta información no reemplaza los consejos de su equipo de atención médica.",
        "key_points": "Puntos clave",
    },
    "zh": {
        "kicker": "患者信息",
        "page": "第 {page} 页，共 {pages} 页",
        "revised": "修订日期：{date}",
        "draft_mark": "草稿",
        "draft_notice": "草稿：尚未针对患者使用进行审核",
        "qr_hint": "用手机相机扫描，或输入：",
        "qr_alt": "二维码：{caption}。打开 {url}",
        "identifiers_sep": "：",
        "language_name": "中文",
        "continued": "{title}（续）",
        "disclaimer": "本资料不能代替您的医疗团队的建议。",
        "key_points": "要点",
    },
    "ar": {
        "kicker": "معلومات للمريض",
        "page": "الصفحة {page} من {pages}",
        "revised": "تاريخ التنقيح: {date}",
        "draft_mark": "مسودة",
        "draft_notice": "مسودة: لم تُراجع بعد للاستخدام مع المرضى",
        "qr_hint": "امسح الرمز بكاميرا هاتفك، أو اكتب:",
        "qr_alt": "رمز QR: {caption}. يفتح {url}",
        "identifiers_sep": ": ",
        "language_name": "العربية",
        "continued": "{title} (تابع)",
        "disclaimer": "لا تغني هذه المعلومات عن نصيحة فريق الرعاية الصحية الخاص بك.",
        "key_points": "نقاط أساسية",
    },
    "pa": {
        "kicker": "ਮਰੀਜ਼ਾਂ ਲਈ ਜਾਣਕਾਰੀ",
        "page": "ਪੰਨਾ {page} ({pages} ਵਿੱਚੋਂ)",
        "revised": "ਸੋਧ ਦੀ ਤਾਰੀਖ਼: {date}",
        "draft_mark": "ਖਰੜਾ",
        "draft_notice": "ਖਰੜਾ: ਮਰੀਜ਼ਾਂ ਨਾਲ ਵਰਤੋਂ ਲਈ ਅਜੇ ਸਮੀਖਿਆ ਨਹੀਂ ਹੋਈ",
        "qr_hint": "ਆਪਣੇ ਫ਼ੋਨ ਦੇ ਕੈਮਰੇ ਨਾਲ ਸਕੈਨ ਕਰੋ, ਜਾਂ ਟਾਈਪ ਕਰੋ:",
        "qr_alt": "QR ਕੋਡ: {caption}। {url} ਖੁੱਲ੍ਹਦਾ ਹੈ",
        "identifiers_sep": ": ",
        "language_name": "ਪੰਜਾਬੀ",
        "continued": "{title} (ਜਾਰੀ)",
        "disclaimer": "ਇਹ ਜਾਣਕਾਰੀ ਤੁਹਾਡੀ ਸਿਹਤ ਸੰਭਾਲ ਟੀਮ ਦੀ ਸਲਾਹ ਦੀ ਥਾਂ ਨਹੀਂ ਲੈਂਦੀ।",
        "key_points": "ਮੁੱਖ ਗੱਲਾਂ",
    },
}


def labels_for(handout: Handout) -> dict[str, str]:
    """The catalogue entry for the handout's language (its primary subtag, if the full tag
    has none), with the file's own `labels:` over it."""
    language, overrides = handout.language, handout.labels
    base = CATALOGUE.get(language) or CATALOGUE.get(language.split("-")[0].lower())
    if base is None:
        missing = [k for k in KEYS if k not in overrides]
        if missing:
            line = handout.lines.get("labels") or handout.lines.get("language")
            raise ContentError(
                str(handout.path),
                line,
                "labels",
                f"no built-in labels for language {language!r}; give them under 'labels:' "
                f"({', '.join(missing)})",
            )
        base = {}
    return {**base, **overrides}
