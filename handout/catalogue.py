"""The words the tool itself prints, per language. A content file may override any of them
under `labels:`; a language missing here is an error, never a quiet fall-back to English."""

from __future__ import annotations

import re

from handout.diagnostics import did_you_mean
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
    "zh-Hant": {
        "kicker": "病患資訊",
        "page": "第 {page} 頁，共 {pages} 頁",
        "revised": "修訂日期：{date}",
        "draft_mark": "草稿",
        "draft_notice": "草稿：尚未審核，不可提供給病患使用",
        "qr_hint": "用手機相機掃描，或輸入：",
        "qr_alt": "QR 碼：{caption}。開啟 {url}",
        "identifiers_sep": "：",
        "language_name": "繁體中文",
        "continued": "{title}（續）",
        "disclaimer": "本資料不能取代您的醫療團隊的建議。",
        "key_points": "重點",
    },
    "ko": {
        "kicker": "환자 정보",
        "page": "{pages}쪽 중 {page}쪽",
        "revised": "개정일: {date}",
        "draft_mark": "초안",
        "draft_notice": "초안: 환자용으로 아직 검토되지 않았습니다",
        "qr_hint": "휴대폰 카메라로 스캔하거나 다음 주소를 입력하십시오:",
        "qr_alt": "QR 코드: {caption}. {url} 열기",
        "identifiers_sep": ": ",
        "language_name": "한국어",
        "continued": "{title} (계속)",
        "disclaimer": "이 정보는 의료진의 조언을 대신하지 않습니다.",
        "key_points": "핵심 내용",
    },
    "ja": {
        "kicker": "患者向け情報",
        "page": "{page} / {pages} ページ",
        "revised": "改訂日：{date}",
        "draft_mark": "草案",
        "draft_notice": "草案：患者さんへの使用について、まだ確認されていません",
        "qr_hint": "スマートフォンのカメラで読み取るか、次のアドレスを入力してください：",
        "qr_alt": "QR コード：{caption}。{url} を開きます",
        "identifiers_sep": "：",
        "language_name": "日本語",
        "continued": "{title}（続き）",
        "disclaimer": "この情報は、医療チームの助言に代わるものではありません。",
        "key_points": "要点",
    },
}


# The placeholders each label may use; a label not named here takes none.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "page": ("page", "pages"),
    "revised": ("date",),
    "qr_alt": ("caption", "url"),
    "continued": ("title",),
}
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    """A label's template uses something other than its documented placeholders."""

    def __init__(self, message: str, at: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.at, self.offset, self.hint = at, offset, hint  # the token and where it starts


def fill(template: str, **values: object) -> str:
    """The template with each `{name}` replaced by its value and `{{`, `}}` as literal braces.
    Nothing else is interpreted: no attribute or index lookups, no format specs, so a label
    cannot reach into an object or ask for a 50-million-character padding."""

    def replace(m: re.Match[str]) -> str:
        token = m[0]
        if token in ("{{", "}}"):
            return token[0]
        if m[1] not in values:
            raise TemplateError(f"unknown placeholder {token}", token, m.start())
        return str(values[m[1]])

    return _TOKEN.sub(replace, template)


def check_template(key: str, template: str) -> None:
    """Raise TemplateError unless every placeholder of the template is one the label knows."""
    allowed = PLACEHOLDERS.get(key, ())
    known = ", ".join(f"{{{n}}}" for n in allowed) or "no placeholders"
    for m in _TOKEN.finditer(template):
        token, name = m[0], m[1]
        if token in ("{{", "}}"):
            continue
        if name is None:
            raise TemplateError(
                f"unbalanced {token!r}", token, m.start(), f"write {token * 2} for a literal brace"
            )
        bare = re.split(r"[:!.\[]", name, maxsplit=1)[0]
        if bare != name and bare in allowed:
            raise TemplateError(
                f"placeholder {token} has a format spec or lookup",
                token,
                m.start(),
                f"write {{{bare}}}",
            )
        if name not in allowed:
            other = any(name in names for names in PLACEHOLDERS.values())
            what = "not a placeholder of" if other else "an unknown placeholder in"
            raise TemplateError(
                f"{token} is {what} label {key!r} (it knows {known})",
                token,
                m.start(),
                did_you_mean(bare, allowed),
            )


def entry_for(table: dict[str, dict[str, str]], language: str) -> dict[str, str] | None:
    """A language's entry: its full tag's, else its primary subtag's (Traditional Chinese,
    zh-TW and zh-HK included, has its own: it is written in other characters than zh)."""
    from handout.fonts import table_key

    return table.get(language) or table.get(table_key(language))


def labels_for(handout: Handout) -> dict[str, str]:
    """The catalogue entry for the handout's language (its primary subtag, if the full tag
    has none), with the file's own `labels:` over it."""
    language, overrides = handout.language, handout.labels
    base = entry_for(CATALOGUE, language)
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


# -- the clinic desk (issue 10): the clinic's phone in every call-doctor box, the patient
# fields on page 1, the desk's email. Not overridable under `labels:` (a content file's labels
# are the handout's words; these are the clinic's).
PERSONAL: dict[str, dict[str, str]] = {
    "en": {
        "call_clinic": "Call {clinic}: {phone}",
        "after_hours": "After hours: {phone}",
        "prepared_for": "Prepared for",
        "notes": "Notes from your care team",
        "email_subject": "{title}: information from {clinic}",
        "email_body": "Attached is the handout “{title}” from {clinic}. Please read it and "
        "keep it. If you have questions, call us: {phone}.",
    },
    "fr": {
        "call_clinic": "Appelez {clinic} : {phone}",
        "after_hours": "En dehors des heures d’ouverture : {phone}",
        "prepared_for": "Préparé pour",
        "notes": "Notes de votre équipe soignante",
        "email_subject": "{title} : information de {clinic}",
        "email_body": "Vous trouverez ci-joint le document « {title} » de {clinic}. Lisez-le et "
        "gardez-le. Si vous avez des questions, appelez-nous : {phone}.",
    },
    "es": {
        "call_clinic": "Llame a {clinic}: {phone}",
        "after_hours": "Fuera del horario de atención: {phone}",
        "prepared_for": "Preparado para",
        "notes": "Notas de su equipo de atención",
        "email_subject": "{title}: información de {clinic}",
        "email_body": "Adjuntamos el documento «{title}» de {clinic}. Léalo y guárdelo. Si "
        "tiene preguntas, llámenos: {phone}.",
    },
    "zh": {
        "call_clinic": "请致电{clinic}：{phone}",
        "after_hours": "非工作时间：{phone}",
        "prepared_for": "本资料提供给",
        "notes": "医护团队备注",
        "email_subject": "{title}：来自{clinic}的资料",
        "email_body": "附件是{clinic}为您提供的资料《{title}》。请阅读并保存。"
        "如有疑问，请致电：{phone}。",
    },
    "ar": {
        "call_clinic": "اتصل بـ {clinic}: {phone}",
        "after_hours": "خارج ساعات العمل: {phone}",
        "prepared_for": "أُعدّت من أجل",
        "notes": "ملاحظات من فريق الرعاية",
        "email_subject": "{title}: معلومات من {clinic}",
        "email_body": "مرفق نشرة «{title}» من {clinic}. يرجى قراءتها والاحتفاظ بها. إذا كانت "
        "لديك أسئلة، اتصل بنا: {phone}.",
    },
    "pa": {
        "call_clinic": "{clinic} ਨੂੰ ਫ਼ੋਨ ਕਰੋ: {phone}",
        "after_hours": "ਦਫ਼ਤਰੀ ਸਮੇਂ ਤੋਂ ਬਾਅਦ: {phone}",
        "prepared_for": "ਇਸ ਮਰੀਜ਼ ਲਈ ਤਿਆਰ ਕੀਤਾ",
        "notes": "ਤੁਹਾਡੀ ਦੇਖਭਾਲ ਟੀਮ ਵੱਲੋਂ ਨੋਟ",
        "email_subject": "{title}: {clinic} ਵੱਲੋਂ ਜਾਣਕਾਰੀ",
        "email_body": "{clinic} ਵੱਲੋਂ ਜਾਣਕਾਰੀ-ਪੱਤਰ “{title}” ਨਾਲ ਨੱਥੀ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਇਸ ਨੂੰ ਪੜ੍ਹੋ ਅਤੇ "
        "ਸੰਭਾਲ ਕੇ ਰੱਖੋ। ਜੇ ਤੁਹਾਡੇ ਕੋਈ ਸਵਾਲ ਹਨ, ਤਾਂ ਸਾਨੂੰ ਫ਼ੋਨ ਕਰੋ: {phone}।",
    },
    "zh-Hant": {
        "call_clinic": "請致電{clinic}：{phone}",
        "after_hours": "非上班時間：{phone}",
        "prepared_for": "本資料提供給",
        "notes": "醫療團隊備註",
        "email_subject": "{title}：來自{clinic}的資料",
        "email_body": "附件是{clinic}為您提供的資料「{title}」。請閱讀並保存。"
        "如有疑問，請致電：{phone}。",
    },
    "ko": {
        "call_clinic": "{clinic}에 전화하십시오: {phone}",
        "after_hours": "업무 시간 외: {phone}",
        "prepared_for": "받는 분",
        "notes": "의료진의 메모",
        "email_subject": "{title}: {clinic}에서 보낸 정보",
        "email_body": "{clinic}에서 보내 드리는 안내문 “{title}”을(를) 첨부합니다. 읽고 보관해 "
        "주십시오. 궁금한 점이 있으면 전화해 주십시오: {phone}.",
    },
    "ja": {
        "call_clinic": "{clinic}に電話してください：{phone}",
        "after_hours": "時間外：{phone}",
        "prepared_for": "お渡しする方",
        "notes": "医療チームからのメモ",
        "email_subject": "{title}：{clinic}からのご案内",
        "email_body": "{clinic}からの資料「{title}」を添付します。お読みになり、保管してください。"
        "ご不明な点があれば、お電話ください：{phone}。",
    },
}


def personal_labels(language: str) -> dict[str, str]:
    """The desk's words in the handout's language; a language without them is an error."""
    found = entry_for(PERSONAL, language)
    if found is None:
        from handout.errors import HandoutError

        raise HandoutError(
            f"no clinic or patient labels for language {language!r} "
            f"(the desk has {', '.join(PERSONAL)})"
        )
    return found
