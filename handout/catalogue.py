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
    # -- issue 11, Latin and Cyrillic scripts (unreviewed: a native reader should check them)
    "vi": {
        "kicker": "Thông tin cho bệnh nhân",
        "page": "Trang {page} trên {pages}",
        "revised": "Ngày sửa đổi: {date}",
        "draft_mark": "BẢN NHÁP",
        "draft_notice": "Bản nháp: chưa được duyệt để dùng cho bệnh nhân",
        "qr_hint": "Quét bằng máy ảnh của điện thoại, hoặc nhập:",
        "qr_alt": "Mã QR: {caption}. Mở {url}",
        "identifiers_sep": ": ",
        "language_name": "Tiếng Việt",
        "continued": "{title} (tiếp theo)",
        "disclaimer": (
            "Thông tin này không thay thế lời khuyên của nhóm chăm sóc sức khỏe của quý vị."
        ),
        "key_points": "Những điểm chính",
    },
    "tl": {
        "kicker": "Impormasyon para sa pasyente",
        "page": "Pahina {page} ng {pages}",
        "revised": "Binago: {date}",
        "draft_mark": "BURADOR",
        "draft_notice": "Burador: hindi pa nasusuri para gamitin sa mga pasyente",
        "qr_hint": "I-scan gamit ang camera ng inyong telepono, o i-type:",
        "qr_alt": "QR code: {caption}. Binubuksan ang {url}",
        "identifiers_sep": ": ",
        "language_name": "Tagalog",
        "continued": "{title} (karugtong)",
        "disclaimer": "Hindi pinapalitan ng impormasyong ito ang payo ng inyong mga tagapangalaga "
        "ng kalusugan.",
        "key_points": "Mahahalagang punto",
    },
    "ht": {
        "kicker": "Enfòmasyon pou pasyan",
        "page": "Paj {page} sou {pages}",
        "revised": "Revize: {date}",
        "draft_mark": "BROUYON",
        "draft_notice": "Brouyon: poko revize pou itilize ak pasyan",
        "qr_hint": "Eskane ak kamera telefòn ou, oswa tape:",
        "qr_alt": "Kòd QR: {caption}. Li louvri {url}",
        "identifiers_sep": ": ",
        "language_name": "Kreyòl ayisyen",
        "continued": "{title} (kontinyasyon)",
        "disclaimer": "Enfòmasyon sa a pa ranplase konsèy ekip swen sante ou.",
        "key_points": "Pwen enpòtan",
    },
    "pt": {
        "kicker": "Informações para o paciente",
        "page": "Página {page} de {pages}",
        "revised": "Revisão: {date}",
        "draft_mark": "RASCUNHO",
        "draft_notice": "Rascunho: ainda não revisado para uso com pacientes",
        "qr_hint": "Escaneie com a câmera do seu celular ou digite:",
        "qr_alt": "Código QR: {caption}. Abre {url}",
        "identifiers_sep": ": ",
        "language_name": "Português",
        "continued": "{title} (continuação)",
        "disclaimer": "Estas informações não substituem as orientações da sua equipe de saúde.",
        "key_points": "Pontos principais",
    },
    "pl": {
        "kicker": "Informacja dla pacjenta",
        "page": "Strona {page} z {pages}",
        "revised": "Data aktualizacji: {date}",
        "draft_mark": "PROJEKT",
        "draft_notice": "Projekt: jeszcze niezatwierdzony do przekazywania pacjentom",
        "qr_hint": "Zeskanuj aparatem w telefonie lub wpisz:",
        "qr_alt": "Kod QR: {caption}. Otwiera {url}",
        "identifiers_sep": ": ",
        "language_name": "Polski",
        "continued": "{title} (ciąg dalszy)",
        "disclaimer": "Te informacje nie zastępują porad zespołu opieki zdrowotnej.",
        "key_points": "Najważniejsze informacje",
    },
    "so": {
        "kicker": "Macluumaad loogu talagalay bukaanka",
        "page": "Bogga {page} ee {pages}",
        "revised": "La cusboonaysiiyay: {date}",
        "draft_mark": "QABYO",
        "draft_notice": "Qabyo: weli looma hubin in loo isticmaalo bukaanka",
        "qr_hint": "Ku iskaan garee kamarada taleefankaaga, ama qor:",
        "qr_alt": "Koodka QR: {caption}. Wuxuu furayaa {url}",
        "identifiers_sep": ": ",
        "language_name": "Soomaali",
        "continued": "{title} (sii socda)",
        "disclaimer": "Macluumaadkani ma beddelayaan talada kooxda daryeelka caafimaadkaaga.",
        "key_points": "Qodobbada muhiimka ah",
    },
    "ru": {
        "kicker": "Информация для пациентов",
        "page": "Страница {page} из {pages}",
        "revised": "Редакция от {date}",
        "draft_mark": "ЧЕРНОВИК",
        "draft_notice": "Черновик: ещё не проверен для пациентов",
        "qr_hint": "Отсканируйте камерой телефона или введите:",
        "qr_alt": "QR-код: {caption}. Открывает {url}",
        "identifiers_sep": ": ",
        "language_name": "Русский",
        "continued": "{title} (продолжение)",
        "disclaimer": "Эта информация не заменяет советов ваших медицинских специалистов.",
        "key_points": "Главное",
    },
    "uk": {
        "kicker": "Інформація для пацієнтів",
        "page": "Сторінка {page} з {pages}",
        "revised": "Редакція від {date}",
        "draft_mark": "ЧЕРНЕТКА",
        "draft_notice": "Чернетка: ще не перевірено для пацієнтів",
        "qr_hint": "Відскануйте камерою телефона або введіть:",
        "qr_alt": "QR-код: {caption}. Відкриває {url}",
        "identifiers_sep": ": ",
        "language_name": "Українська",
        "continued": "{title} (продовження)",
        "disclaimer": "Ця інформація не замінює порад ваших медичних фахівців.",
        "key_points": "Головне",
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
    # issue 11, right-to-left and shaped scripts (machine-made, unreviewed)
    "fa": {
        "kicker": "اطلاعات برای بیمار",
        "page": "صفحهٔ {page} از {pages}",
        "revised": "تاریخ بازنگری: {date}",
        "draft_mark": "پیش‌نویس",
        "draft_notice": "پیش‌نویس: هنوز برای استفاده با بیماران بازبینی نشده است",
        "qr_hint": "با دوربین تلفن خود اسکن کنید، یا تایپ کنید:",
        "qr_alt": "کد QR: {caption}. {url} را باز می‌کند",
        "identifiers_sep": ": ",
        "language_name": "فارسی",
        "continued": "{title} (ادامه)",
        "disclaimer": "این اطلاعات جایگزین توصیه‌های تیم مراقبت سلامت شما نیست.",
        "key_points": "نکات اصلی",
    },
    "hi": {
        "kicker": "रोगी के लिए जानकारी",
        "page": "पृष्ठ {page} ({pages} में से)",
        "revised": "संशोधित: {date}",
        "draft_mark": "मसौदा",
        "draft_notice": "मसौदा: रोगियों के साथ उपयोग के लिए अभी समीक्षा नहीं हुई है",
        "qr_hint": "अपने फ़ोन के कैमरे से स्कैन करें, या टाइप करें:",
        "qr_alt": "QR कोड: {caption}। {url} खोलता है",
        "identifiers_sep": ": ",
        "language_name": "हिन्दी",
        "continued": "{title} (जारी)",
        "disclaimer": "यह जानकारी आपकी स्वास्थ्य देखभाल टीम की सलाह का स्थान नहीं लेती।",
        "key_points": "मुख्य बातें",
    },
    "he": {
        "kicker": "מידע למטופל",
        "page": "עמוד {page} מתוך {pages}",
        "revised": "עודכן: {date}",
        "draft_mark": "טיוטה",
        "draft_notice": "טיוטה: טרם נבדק לשימוש עם מטופלים",
        "qr_hint": "סרקו במצלמת הטלפון, או הקלידו:",
        "qr_alt": "קוד QR: {caption}. פותח את {url}",
        "identifiers_sep": ": ",
        "language_name": "עברית",
        "continued": "{title} (המשך)",
        "disclaimer": "מידע זה אינו מחליף את הייעוץ של צוות הבריאות שלך.",
        "key_points": "נקודות עיקריות",
    },
    "ur": {
        "kicker": "مریض کے لیے معلومات",
        "page": "صفحہ {page} از {pages}",
        "revised": "نظرثانی کی تاریخ: {date}",
        "draft_mark": "مسودہ",
        "draft_notice": "مسودہ: مریضوں کے ساتھ استعمال کے لیے ابھی جائزہ نہیں لیا گیا",
        "qr_hint": "اپنے فون کے کیمرے سے اسکین کریں، یا ٹائپ کریں:",
        "qr_alt": "QR کوڈ: {caption}۔ {url} کھولتا ہے",
        "identifiers_sep": ": ",
        "language_name": "اردو",
        "continued": "{title} (جاری)",
        "disclaimer": "یہ معلومات آپ کی صحت کی دیکھ بھال کرنے والی ٹیم کے مشورے کی جگہ نہیں لیتیں۔",
        "key_points": "اہم نکات",
    },
    "bn": {
        "kicker": "রোগীর জন্য তথ্য",
        "page": "পৃষ্ঠা {page} ({pages}টির মধ্যে)",
        "revised": "সংশোধিত: {date}",
        "draft_mark": "খসড়া",
        "draft_notice": "খসড়া: রোগীদের সঙ্গে ব্যবহারের জন্য এখনও পর্যালোচনা করা হয়নি",
        "qr_hint": "আপনার ফোনের ক্যামেরা দিয়ে স্ক্যান করুন, অথবা টাইপ করুন:",
        "qr_alt": "QR কোড: {caption}। {url} খোলে",
        "identifiers_sep": ": ",
        "language_name": "বাংলা",
        "continued": "{title} (চলমান)",
        "disclaimer": "এই তথ্য আপনার স্বাস্থ্যসেবা দলের পরামর্শের বিকল্প নয়।",
        "key_points": "মূল বিষয়",
    },
    "ta": {
        "kicker": "நோயாளிக்கான தகவல்",
        "page": "பக்கம் {page} / {pages}",
        "revised": "திருத்தப்பட்டது: {date}",
        "draft_mark": "வரைவு",
        "draft_notice": "வரைவு: நோயாளிகளுடன் பயன்படுத்த இன்னும் மதிப்பாய்வு செய்யப்படவில்லை",
        "qr_hint": "உங்கள் தொலைபேசி கேமராவால் ஸ்கேன் செய்யுங்கள், அல்லது தட்டச்சு செய்யுங்கள்:",
        "qr_alt": "QR குறியீடு: {caption}. {url} ஐத் திறக்கும்",
        "identifiers_sep": ": ",
        "language_name": "தமிழ்",
        "continued": "{title} (தொடர்ச்சி)",
        "disclaimer": "இந்தத் தகவல் உங்கள் சுகாதாரக் குழுவின் ஆலோசனைக்கு மாற்றாகாது.",
        "key_points": "முக்கியக் குறிப்புகள்",
    },
    "gu": {
        "kicker": "દર્દી માટે માહિતી",
        "page": "પાનું {page} ({pages}માંથી)",
        "revised": "સુધારેલ: {date}",
        "draft_mark": "મુસદ્દો",
        "draft_notice": "મુસદ્દો: દર્દીઓ સાથે ઉપયોગ માટે હજી સમીક્ષા થઈ નથી",
        "qr_hint": "તમારા ફોનના કૅમેરાથી સ્કૅન કરો, અથવા ટાઇપ કરો:",
        "qr_alt": "QR કોડ: {caption}. {url} ખોલે છે",
        "identifiers_sep": ": ",
        "language_name": "ગુજરાતી",
        "continued": "{title} (ચાલુ)",
        "disclaimer": "આ માહિતી તમારી આરોગ્ય સંભાળ ટીમની સલાહનું સ્થાન લેતી નથી.",
        "key_points": "મુખ્ય મુદ્દા",
    },
    "th": {
        "kicker": "ข้อมูลสำหรับผู้ป่วย",
        "page": "หน้า {page} จาก {pages}",
        "revised": "ปรับปรุงเมื่อ {date}",
        "draft_mark": "ฉบับร่าง",
        "draft_notice": "ฉบับร่าง: ยังไม่ได้ตรวจทานเพื่อใช้กับผู้ป่วย",
        "qr_hint": "สแกนด้วยกล้องโทรศัพท์ของคุณ หรือพิมพ์:",
        "qr_alt": "คิวอาร์โค้ด: {caption} เปิด {url}",
        "identifiers_sep": ": ",
        "language_name": "ไทย",
        "continued": "{title} (ต่อ)",
        "disclaimer": "ข้อมูลนี้ไม่ได้ใช้แทนคำแนะนำจากทีมดูแลสุขภาพของคุณ",
        "key_points": "ประเด็นสำคัญ",
    },
    "am": {
        "kicker": "ለታካሚ የሚሆን መረጃ",
        "page": "ገጽ {page} ከ{pages}",
        "revised": "የተከለሰው፦ {date}",
        "draft_mark": "ረቂቅ",
        "draft_notice": "ረቂቅ፦ ከታካሚዎች ጋር ለመጠቀም ገና አልተገመገመም",
        "qr_hint": "በስልክዎ ካሜራ ይቃኙ፣ ወይም ይተይቡ፦",
        "qr_alt": "የQR ኮድ፦ {caption}። {url} ይከፍታል",
        "identifiers_sep": "፦ ",
        "language_name": "አማርኛ",
        "continued": "{title} (የቀጠለ)",
        "disclaimer": "ይህ መረጃ የጤና እንክብካቤ ቡድንዎን ምክር አይተካም።",
        "key_points": "ዋና ዋና ነጥቦች",
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
    # -- issue 11, Latin and Cyrillic scripts (unreviewed)
    "vi": {
        "call_clinic": "Hãy gọi {clinic}: {phone}",
        "after_hours": "Ngoài giờ làm việc: {phone}",
        "prepared_for": "Dành cho",
        "notes": "Ghi chú của nhóm chăm sóc quý vị",
        "email_subject": "{title}: thông tin từ {clinic}",
        "email_body": "Đính kèm là tài liệu “{title}” từ {clinic}. Xin vui lòng đọc và giữ lại. "
        "Nếu có câu hỏi, hãy gọi cho chúng tôi: {phone}.",
    },
    "tl": {
        "call_clinic": "Tawagan ang {clinic}: {phone}",
        "after_hours": "Pagkatapos ng oras ng opisina: {phone}",
        "prepared_for": "Inihanda para kay",
        "notes": "Mga tala mula sa inyong mga tagapangalaga",
        "email_subject": "{title}: impormasyon mula sa {clinic}",
        "email_body": "Nakalakip ang babasahing “{title}” mula sa {clinic}. Pakibasa ito at "
        "itago. Kung may tanong kayo, tawagan kami: {phone}.",
    },
    "ht": {
        "call_clinic": "Rele {clinic}: {phone}",
        "after_hours": "Apre lè travay: {phone}",
        "prepared_for": "Prepare pou",
        "notes": "Nòt ekip swen ou",
        "email_subject": "{title}: enfòmasyon {clinic}",
        "email_body": "Ou jwenn dokiman “{title}” {clinic} la atache. Tanpri li l epi kenbe l. "
        "Si ou gen kesyon, rele nou: {phone}.",
    },
    "pt": {
        "call_clinic": "Ligue para {clinic}: {phone}",
        "after_hours": "Fora do horário de atendimento: {phone}",
        "prepared_for": "Preparado para",
        "notes": "Observações da sua equipe de saúde",
        "email_subject": "{title}: informações de {clinic}",
        "email_body": "Segue em anexo o folheto “{title}” de {clinic}. Leia-o e guarde-o. Se "
        "tiver dúvidas, ligue para nós: {phone}.",
    },
    "pl": {
        "call_clinic": "Zadzwoń do: {clinic}, {phone}",
        "after_hours": "Poza godzinami pracy: {phone}",
        "prepared_for": "Przygotowano dla",
        "notes": "Uwagi zespołu opieki",
        "email_subject": "{title}: informacje od: {clinic}",
        "email_body": "W załączniku przesyłamy ulotkę „{title}” ({clinic}). Prosimy ją przeczytać "
        "i zachować. W razie pytań prosimy o telefon: {phone}.",
    },
    "so": {
        "call_clinic": "Wac {clinic}: {phone}",
        "after_hours": "Saacadaha shaqada ka dib: {phone}",
        "prepared_for": "Loo diyaariyay",
        "notes": "Qoraallo ka yimid kooxda daryeelkaaga",
        "email_subject": "{title}: macluumaad ka yimid {clinic}",
        "email_body": "Waxaa ku lifaaqan qoraalka “{title}” ee {clinic}. Fadlan akhri oo hayso. "
        "Haddii aad qabto su'aalo, na wac: {phone}.",
    },
    "ru": {
        "call_clinic": "Звоните в {clinic}: {phone}",
        "after_hours": "В нерабочее время: {phone}",
        "prepared_for": "Подготовлено для",
        "notes": "Заметки вашей медицинской команды",
        "email_subject": "{title}: информация от {clinic}",
        "email_body": "Во вложении — памятка «{title}» от {clinic}. Прочитайте её и сохраните. "
        "Если у вас есть вопросы, позвоните нам: {phone}.",
    },
    "uk": {
        "call_clinic": "Телефонуйте до {clinic}: {phone}",
        "after_hours": "У неробочий час: {phone}",
        "prepared_for": "Підготовлено для",
        "notes": "Нотатки вашої медичної команди",
        "email_subject": "{title}: інформація від {clinic}",
        "email_body": "У вкладенні — пам’ятка «{title}» від {clinic}. Прочитайте її та збережіть. "
        "Якщо у вас є запитання, зателефонуйте нам: {phone}.",
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
    # issue 11, right-to-left and shaped scripts (machine-made, unreviewed)
    "fa": {
        "call_clinic": "با {clinic} تماس بگیرید: {phone}",
        "after_hours": "خارج از ساعات کاری: {phone}",
        "prepared_for": "تهیه‌شده برای",
        "notes": "یادداشت‌های تیم مراقبت شما",
        "email_subject": "{title}: اطلاعاتی از {clinic}",
        "email_body": "بروشور «{title}» از {clinic} پیوست است. لطفاً آن را بخوانید و نگه دارید. "
        "اگر سؤالی دارید، با ما تماس بگیرید: {phone}.",
    },
    "hi": {
        "call_clinic": "{clinic} को फ़ोन करें: {phone}",
        "after_hours": "कार्य समय के बाद: {phone}",
        "prepared_for": "इनके लिए तैयार किया गया",
        "notes": "आपकी देखभाल टीम के नोट",
        "email_subject": "{title}: {clinic} से जानकारी",
        "email_body": "{clinic} की ओर से जानकारी-पत्र “{title}” संलग्न है। कृपया इसे पढ़ें और "
        "संभालकर रखें। अगर आपके कोई सवाल हैं, तो हमें फ़ोन करें: {phone}।",
    },
    "he": {
        "call_clinic": "התקשרו אל {clinic}: {phone}",
        "after_hours": "מחוץ לשעות הפעילות: {phone}",
        "prepared_for": "הוכן עבור",
        "notes": "הערות מצוות המטפלים שלך",
        "email_subject": "{title}: מידע מ{clinic}",
        "email_body": "מצורף העלון ”{title}” מ{clinic}. אנא קראו אותו ושמרו אותו. אם יש לכם "
        "שאלות, התקשרו אלינו: {phone}.",
    },
    "ur": {
        "call_clinic": "{clinic} کو فون کریں: {phone}",
        "after_hours": "دفتری اوقات کے بعد: {phone}",
        "prepared_for": "اس کے لیے تیار کیا گیا",
        "notes": "آپ کی نگہداشت ٹیم کے نوٹس",
        "email_subject": "{title}: {clinic} کی طرف سے معلومات",
        "email_body": "{clinic} کی طرف سے معلوماتی پرچہ «{title}» منسلک ہے۔ براہ کرم اسے پڑھیں "
        "اور سنبھال کر رکھیں۔ اگر آپ کے کوئی سوالات ہیں تو ہمیں فون کریں: {phone}۔",
    },
    "bn": {
        "call_clinic": "{clinic}-কে ফোন করুন: {phone}",
        "after_hours": "অফিস সময়ের পরে: {phone}",
        "prepared_for": "যাঁর জন্য তৈরি",
        "notes": "আপনার চিকিৎসা দলের নোট",
        "email_subject": "{title}: {clinic} থেকে তথ্য",
        "email_body": "{clinic} থেকে তথ্যপত্র “{title}” সংযুক্ত করা হলো। অনুগ্রহ করে এটি পড়ুন "
        "এবং রেখে দিন। কোনো প্রশ্ন থাকলে আমাদের ফোন করুন: {phone}।",
    },
    "ta": {
        "call_clinic": "{clinic} ஐ அழையுங்கள்: {phone}",
        "after_hours": "அலுவல் நேரத்துக்குப் பிறகு: {phone}",
        "prepared_for": "இவருக்காகத் தயாரிக்கப்பட்டது",
        "notes": "உங்கள் சிகிச்சைக் குழுவின் குறிப்புகள்",
        "email_subject": "{title}: {clinic} வழங்கும் தகவல்",
        "email_body": "{clinic} வழங்கும் “{title}” தகவல் தாள் இணைக்கப்பட்டுள்ளது. தயவுசெய்து இதைப் "
        "படித்து வைத்துக்கொள்ளுங்கள். கேள்விகள் இருந்தால் எங்களை அழையுங்கள்: {phone}.",
    },
    "gu": {
        "call_clinic": "{clinic}ને ફોન કરો: {phone}",
        "after_hours": "કામકાજના સમય પછી: {phone}",
        "prepared_for": "આમના માટે તૈયાર કરેલ",
        "notes": "તમારી સંભાળ ટીમની નોંધ",
        "email_subject": "{title}: {clinic} તરફથી માહિતી",
        "email_body": "{clinic} તરફથી માહિતીપત્ર “{title}” સાથે જોડેલ છે. કૃપા કરીને તે વાંચો અને "
        "સાચવી રાખો. જો તમને કોઈ પ્રશ્ન હોય, તો અમને ફોન કરો: {phone}.",
    },
    "th": {
        "call_clinic": "โทรหา {clinic}: {phone}",
        "after_hours": "นอกเวลาทำการ: {phone}",
        "prepared_for": "จัดทำสำหรับ",
        "notes": "บันทึกจากทีมดูแลของคุณ",
        "email_subject": "{title}: ข้อมูลจาก {clinic}",
        "email_body": "แนบเอกสาร “{title}” จาก {clinic} มาพร้อมนี้ โปรดอ่านและเก็บไว้ "
        "หากมีคำถาม โทรหาเรา: {phone}",
    },
    "am": {
        "call_clinic": "ለ{clinic} ይደውሉ፦ {phone}",
        "after_hours": "ከሥራ ሰዓት ውጭ፦ {phone}",
        "prepared_for": "የተዘጋጀው ለ",
        "notes": "ከእንክብካቤ ቡድንዎ የተሰጡ ማስታወሻዎች",
        "email_subject": "{title}፦ ከ{clinic} የተገኘ መረጃ",
        "email_body": "ከ{clinic} የተላከው «{title}» በራሪ ጽሑፍ ተያይዟል። እባክዎ ያንብቡት እና "
        "ያስቀምጡት። ጥያቄ ካለዎት ይደውሉልን፦ {phone}።",
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
