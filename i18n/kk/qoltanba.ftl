# Qoltanba — қазақша (эталондық локаль — орысша: барлық хабарлама мен аргумент ru/qoltanba.ftl файлымен салыстырылады)

language-self = Қазақша
app-title = Qoltanba — ЭЦҚ кілттері онлайн

## Жалпы элементтер

step-counter = { $total } қадамның { $current }-і
nav-back = Артқа
nav-next = Әрі қарай
nav-keyboard-hint = Tab / Shift+Tab — келесі / алдыңғы элемент · Enter не бос орын — басу · Өрістегі Enter — әрі қарай · Esc — артқа · F2 — тіл
config-unreadable = { $path } баптаулар файлын оқу мүмкін болмады: { $reason }. Әдепкі баптаулар қолданылады.
config-bad-url = «{ $url }» қызмет мекенжайы http(s) мекенжайына ұқсамайды; кіріктірілген тестілік орта (sandbox) қолданылады.

## Сәлемдесу

welcome-title = ЭЦҚ кілттерін ХҚКО-ға бармай-ақ алыңыз
welcome-intro = Qoltanba электрондық цифрлық қолтаңба кілттерін қашықтан алуға көмектеседі: жеке басыңызды бейне арқылы растаңыз, кілттерді жасаңыз және ҰКО сертификаттарын орнатыңыз.
welcome-language = Интерфейс тілі
welcome-need-title = Не қажет болады
welcome-need-id = Жеке куәлік
welcome-need-phone = Мобильді азаматтар базасында тіркелген телефон
welcome-need-camera = Веб-камера және жақсы жарық
welcome-start = Кілттерді алу
welcome-start-detail = Барлық қадамнан өту: камера, ЖСН, SMS-код, Digital ID, өтінім
welcome-status = Өтінім мәртебесін тексеру
welcome-status-detail = Өтінім нөмірі бойынша
welcome-install = Сертификаттарды орнату
welcome-install-detail = Осы компьютерде бұрын жасалған кілттерге
welcome-resume = Үзілген өтінімді жалғастыру
welcome-resume-none = Үзілген өтінімдер жоқ
welcome-choose-hint = Әрекетті жоғары және төмен көрсеткі пернелерімен таңдаңыз, Enter — орындау.

## Камераны тексеру

camera-title = Камераны тексеру
camera-intro = Камера селфи, бейнесәйкестендіру және жеке куәліктің фотосуреттері үшін қажет. Жүйе камераға қолжетімділікке рұқсат сұрағанда, рұқсат беріңіз.
camera-preview = Мұнда камерадан түскен сурет көрсетіледі
camera-tips-title = Бастамас бұрын
camera-tip-light = Жарыққа қарап отырыңыз; бас киім мен қараңғы көзілдірікті шешіңіз.
camera-tip-busy = Камераны пайдалануы мүмкін басқа бағдарламаларды жабыңыз.
camera-tip-steady = Ноутбукты немесе телефонды көз деңгейінде тұрақты етіп қойыңыз.

## ЖСН

iin-title = Сіздің ЖСН-іңіз
iin-intro = Жеке сәйкестендіру нөмірі (ЖСН) жеке куәлікте көрсетілген: 12 цифр.
iin-label = ЖСН
iin-placeholder = 12 цифр, мысалы 900101300123
iin-hint = ЖСН-нің 12 цифрын енгізіңіз.
iin-valid = { $sex ->
    [male] Туған күні { $date }, жынысы ер
   *[female] Туған күні { $date }, жынысы әйел
}
iin-error-empty = ЖСН-ді енгізіңіз.
iin-error-not-digits = ЖСН тек цифрлардан тұрады.
iin-error-length = { $len ->
   *[other] { $len } цифр енгізілді, ал 12 цифр қажет.
}
iin-error-century = ЖСН-нің жетінші цифры ({ $digit }) 1-ден 6-ға дейін болуы керек: ол туған ғасыр мен жынысты білдіреді.
iin-error-date = ЖСН-нің алғашқы алты цифры туған күн (ЖЖААКК) болуы керек, ал мұндай күн жоқ.
iin-error-bin = Бұл — заңды тұлғаның БСН-і. Жеке ЖСН-іңізді енгізіңіз.
iin-error-never-issued = Мұндай ЖСН берілмейді. Цифрларды тексеріңіз.
iin-error-checksum = Бақылау цифры сәйкес келмейді: ЖСН-де қате терілген болуы мүмкін.

## SMS-код

otp-title = SMS-тағы код
otp-intro = Мобильді азаматтар базасында тіркелген нөмірге бір реттік код жібереміз. SMS 1414 нөмірінен келеді.
otp-sent = Код { $phone } нөміріне жіберілді.
otp-label = SMS-тағы код
otp-placeholder = 6 цифр
otp-hint = SMS-тағы 6 цифрды енгізіңіз.
otp-resend = Кодты қайта жіберу
otp-resend-wait = { $seconds ->
   *[other] { $seconds } секундтан кейін қайта жіберуге болады
}
otp-not-registered = Нөмір тіркелмеген немесе ауысқан
otp-error-empty = Кодты енгізіңіз.
otp-error-not-digits = Код тек цифрлардан тұрады.
otp-error-length = Код { $expected } цифрдан тұруы керек, { $len } цифр енгізілді.
otp-tries-left = { $count ->
   *[other] Код қате. { $count } әрекет қалды.
}

## Нөмірді тіркеу

phone-title = Телефон нөмірін тіркеу
phone-intro = Нөміріңіз мобильді азаматтар базасында жоқ болса немесе ауысқан болса, оны тіркеңіз. Оператор бейнебайланыс арқылы хабарласып, бет-әлпетіңізді жеке куәлікпен салыстырады.
phone-label = Ұялы телефон нөмірі
phone-placeholder = +7 7__ ___ __ __
phone-hint = Қазақстандық ұялы байланыс операторының нөмірі, мысалы +7 701 234 56 78.
phone-valid = Нөмір { $phone }
phone-error-empty = Телефон нөмірін енгізіңіз.
phone-error-character = Телефон нөмірінде «{ $ch }» таңбасы болмауы керек.
phone-error-length = Цифрлар саны дұрыс емес. Нөмір мына түрде болады: +7 7XX XXX XX XX.
phone-error-not-mobile = Бұл қазақстандық ұялы байланыс операторының нөмірі емес (+7 7-ден басталуы керек).
phone-call-note = Бейне қоңырау үшін жеке куәлік пен осы телефон қажет болады.

## Селфи

selfie-title = Селфи
selfie-intro = Бетіңізді ортадағы сопақтың ішіне орналастырыңыз. Бетіңіз қозғалмай тұрғанда сурет автоматты түрде түсіріледі; оны қайта түсіруге болады.
selfie-take = Суретке түсіру
selfie-retake = Қайта түсіру
selfie-tips = Камераға тура қараңыз; бетіңіз ашық әрі жақсы жарықталған болсын, кадрда тек сіз ғана болыңыз.

## Бейнесәйкестендіру

video-title = Бейнесәйкестендіру
video-intro = Экрандағы нұсқауларды орындаңыз: тура қараңыз, басыңызды солға және оңға бұрыңыз, жақынырақ келіңіз. Жазба шамамен 8 секундқа созылады.
video-start = Жазуды бастау
video-prompts-title = Сізден мыналар сұралады
video-prompt-straight = Камераға тура қарау
video-prompt-left = Басты солға бұру
video-prompt-right = Басты оңға бұру
video-prompt-closer = Камераға жақындау

## Тіркелгінің PIN-коды

pin-title = Тіркелгінің PIN-коды
pin-intro = Digital ID үшін 6 цифрдан тұратын PIN-код ойлап табыңыз. Ол цифрлық құжаттарға кіру үшін қажет болады. Қарапайым комбинацияларды пайдаланбаңыз.
pin-label = PIN-код
pin-repeat-label = PIN-кодты қайталаңыз
pin-placeholder = 6 цифр
pin-hint = 6 цифр, қатарынан келмейтін және бірдей емес.
pin-valid = PIN-код жарамды.
pin-match = PIN-кодтар сәйкес келеді.
pin-mismatch = PIN-кодтар сәйкес келмейді.
pin-error-empty = PIN-кодты енгізіңіз.
pin-error-not-digits = PIN-код тек цифрлардан тұрады.
pin-error-length = PIN-код { $expected } цифрдан тұруы керек, { $len } цифр енгізілді.
pin-error-simple = PIN-код тым қарапайым: бірдей цифрларды немесе қатарынан келетін цифрларды пайдаланбаңыз.

## Жеке куәлік

document-title = Жеке куәлік
document-intro = Куәліктің екі жағын да жақтаудың ішінде суретке түсіріңіз немесе файлдарды таңдаңыз (JPEG немесе PNG). Мәтін анық оқылуы керек, жарық шағылыспасын.
document-front = Алдыңғы жағы
document-back = Артқы жағы
document-camera = Суретке түсіру
document-file = Файлды таңдау
document-missing = Әлі қосылмаған

## Танылған деректерді тексеру

review-title = Деректерді тексеріңіз
review-intro = Деректер жеке куәліктің фотосуреттерінен танылды. Бір нәрсе қате болса, құжатты қайта түсіріңіз.
review-surname = Тегі
review-given-name = Аты
review-patronymic = Әкесінің аты
review-birth-date = Туған күні
review-iin = ЖСН
review-document-number = Құжат нөмірі
review-issued-by = Берген орган
review-expires = Жарамдылық мерзімі
review-unknown = —
review-confirm = Деректер дұрыс

## Халық базасы бойынша тексеру

verification-title = Жеке басты тексеру
verification-intro = Фотосуреттеріңіз, бейнежазбаңыз және жеке куәлік деректеріңіз «Жеке тұлғалар» мемлекеттік дерекқорымен салыстырылады.
verification-checking = Тексерілуде…
verification-approved = Жеке басыңыз расталды. Кілттерге өтінім беруге болады.
verification-moderation = Деректер операторға қолмен тексеруге жіберілді. Қолданбаны жабуға болады: мәртебе сақталады, кейін жалғастыра аласыз.
verification-rejected = Жеке басыңыз расталмады: { $reason }. Жеке куәлігіңізбен ХҚКО-ға жүгініңіз.
verification-refresh = Мәртебені жаңарту

## Келісім

agreement-title = Пайдаланушы келісімі
agreement-intro = Ұлттық куәландырушы орталыққа (ҰКО) өтінім бермес бұрын шарттармен танысыңыз.
agreement-point-keys = Кілттер сіздің құрылғыңызда жасалады; жабық кілт ешқайда берілмейді.
agreement-point-password = Кілттердің құпиясөзін тек сіз білесіз. Оны қалпына келтіру мүмкін емес: жоғалтып алсаңыз, кілттерді кері қайтарып алып, жаңадан алуға тура келеді.
agreement-point-validity = Сертификаттар бір жыл бойы жарамды. Қашықтан алынған кілттерді ұзарту мүмкін емес — тек қайта алуға болады.
agreement-point-responsibility = Кілттердің сақталуына сіз жауап бересіз және оларды басқа адамдарға бермейсіз.
agreement-accept = Шарттарды оқыдым және қабылдаймын
email-label = Электрондық пошта (міндетті емес)
email-placeholder = name@example.kz
email-hint = Қолтаңба сертификатында көрсетіледі.
email-valid = Мекенжай сертификатта көрсетіледі.
email-error-missing-at = Мекенжайда @ таңбасы жоқ.
email-error-local = Мекенжайдың @ белгісіне дейінгі бөлігі қате.
email-error-domain = @ белгісінен кейінгі домен қате.
email-error-too-long = Мекенжай тым ұзын.

## Кілттер қоймасы

storage-title = Кілттерді қайда сақтау керек
storage-intro = Кілттерді қайда жазатыныңызды таңдаңыз. Қорғалған құрылғы қауіпсізірек: одан кілтті көшіріп алу мүмкін емес.
storage-folder = Осы компьютердегі қалта
storage-folder-detail = Құпиясөзбен қорғалған PKCS#12 файлдары
storage-folder-warning = Қауіпсіздігі төменірек нұсқа: кілт файлдарын көшіріп алуға болады. Оларды сенімді жерде сақтаңыз және сақтық көшірмесін жасаңыз.
storage-folder-label = Кілттерге арналған қалта
storage-folder-placeholder = Қалтаның жолы
storage-folder-browse = Қалтаны таңдау…
storage-folder-empty = Қалтаны көрсетіңіз.
storage-folder-relative = Қалтаның толық жолын көрсетіңіз.
storage-device = Қорғалған құрылғы
storage-device-detail = Чипі бар жеке куәлік, Kaztoken, eToken PRO 72K, JaCarta, AKey немесе басқа PKCS#11 құрылғысы
storage-device-list = Қосылған құрылғылар
storage-device-none = Құрылғылар табылмады. Құрылғыны қосып, «Жаңарту» түймесін басыңыз.
storage-device-refresh = Жаңарту
storage-kiosk-note = Киоскіде кілттер тек қорғалған құрылғыға жазылады.

## Кілттердің құпиясөзі

password-title = Кілттердің құпиясөзі
password-intro = Кілттер дәл қазір осы компьютерде жасалады және сертификаттар берілгенге дейін осы құпиясөзбен шифрланып сақталады. Сондықтан құпиясөз өтінім жіберілмей тұрып қажет.
password-rules = Латын әріптері мен цифрлар, 6-дан 32-ге дейін таңба; бас әріптер мен #$^ =!*()@%&_?-. таңбаларын да қолдануға болады. Кемінде бір әріп және бір цифр болуы керек.
password-label = Құпиясөз
password-repeat-label = Құпиясөзді қайталаңыз
password-warning = Құпиясөзді қалпына келтіру мүмкін емес. Оны жазып алып, кілттерден бөлек сақтаңыз.
password-strength = { $level ->
    [weak] Сенімділігі: әлсіз
    [fair] Сенімділігі: орташа
   *[strong] Сенімділігі: жоғары
}
password-match = Құпиясөздер сәйкес келеді.
password-mismatch = Құпиясөздер сәйкес келмейді.
password-error-empty = Құпиясөзді енгізіңіз.
password-error-character = «{ $ch }» таңбасын қолдануға болмайды: тек латын әріптері, цифрлар және #$^ =!*()@%&_?-.
password-error-short = Тым қысқа: { $len } таңба, ал кемінде { $min } таңба қажет.
password-error-long = Тым ұзын: { $len } таңба, ең көбі { $max } таңбаға болады.
password-error-letter = Кемінде бір латын әрпін қосыңыз.
password-error-digit = Кемінде бір цифр қосыңыз.

## Өтінімді жіберу

submit-title = Кілттерді жасау және өтінім
submit-intro = Екі жұп кілт жасалады: аутентификацияға (AUTH) және қол қоюға арналған. Қызметке тек сертификатқа сұраулар жіберіледі, жабық кілттер өзіңізде қалады.
submit-stage-send = Сұрауларды ҰКО-ға жіберу
submit-start = Кілттерді жасап, өтінім жіберу
submit-number = Өтінім нөмірі: { $number }

## Сертификаттарды орнату

install-title = Сертификаттарды орнату
install-intro = ҰКО сертификаттарды шығарғанда, олар жүктеліп, кілттердің жанына жазылады.
install-start = Сертификаттарды орнату
install-waiting = Өтінім өңделуде. Қолданбаны жауып, кейінірек «Сертификаттарды орнату» арқылы қайта оралуға болады.
install-number-label = Өтінім нөмірі
install-folder-label = Кілттер қалтасы

## Дайын

done-title = Дайын
done-intro = ЭЦҚ кілттері алынды. Сертификаттар бір жыл бойы жарамды.
done-next = AUTH кілті eGov-қа және басқа сервистерге кіру үшін, қол қою кілті (RSA) құжаттарға қол қою үшін қолданылады.
done-home = Басты бетке

## Өтінім мәртебесі

status-title = Өтінім мәртебесі
status-intro = Өтінімді жібергеннен кейін көрсетілген өтінім нөмірін енгізіңіз.
status-label = Өтінім нөмірі
status-placeholder = 10 цифр
status-check = Тексеру
status-hint = Өтінім нөмірі — 10 цифр.
status-error-empty = Өтінім нөмірін енгізіңіз.
status-error-not-digits = Өтінім нөмірі тек цифрлардан тұрады.
status-error-length = Өтінім нөмірі — { $expected } цифр, { $len } цифр енгізілді.

## Беру қызметі: қосылу, күту және қателер

service-connecting = Беру қызметіне қосылуда…
service-sandbox-badge = ТЕСТІЛІК ОРТА
service-sandbox-note = Оқу режимі: мемлекеттік қызметтердің орнына кірістірілген тестілік орта. Нақты кілттер берілмейді.
service-failed-config = Беру қызметіне қосылу мүмкін болмады: қызмет мекенжайы немесе сертификат файлы қате ({ $detail }). settings.toml ішіндегі service_url пен ca_file мәндерін тексеріңіз.
service-failed-sandbox-data = Ішкі сынақ қызметін іске қосу мүмкін болмады: { $path } қалтасына қол жеткізу жоқ. Қалта құқықтарын және дискідегі бос орынды тексеріңіз.
service-failed-sandbox-listen = Ішкі сынақ қызметін іске қосу мүмкін болмады: жергілікті порт қолжетімсіз. Бағдарламаның басқа көшірмелерін жауып, қайталаңыз.
service-failed-sandbox = Ішкі сынақ қызметін іске қосу мүмкін болмады. Қайталап көріңіз; қате кетпесе, бағдарламаны қайта іске қосыңыз.
service-url-missing = Беру қызметінің мекенжайы көрсетілмеген, ал бағдарламаның бұл нұсқасында кіріктірілген тестілік орта жоқ. Мекенжайды көрсетіңіз: іске қосқанда --service-url немесе settings.toml ішінде service_url.
service-waiting = Қызметтің жауабын күтудеміз…
service-retry = Қайталау
sandbox-sms-title = Тестілік ортаның SMS-хабарлары
sandbox-sms-empty = Әзірге хабарлама жоқ.
sandbox-sms-code = Код: { $code }
status-result = { $status ->
    [processing] { $number } өтінімі өңделуде.
    [issued] { $number } өтінімі бойынша сертификаттар шығарылды: оларды орнатуға болады.
   *[rejected] { $number } өтінімі қабылданбады.
}
error-timeout = Қызмет уақытында жауап бермеді. Интернетке қосылуды тексеріп, қайталаңыз.
error-unreachable = Беру қызметімен байланыс жоқ. Интернетке қосылуды тексеріп, қайталаңыз.
error-malformed = Қызмет түсініксіз жауап жіберді. Қайталап көріңіз.
error-config = Қызметке қосылу баптаулары қате: { $detail }
error-invalid-iin = Қызмет ЖСН-ді қабылдамады: цифрларды тексеріңіз.
error-invalid-phone = Қызмет телефон нөмірін қабылдамады.
error-invalid-email = Қызмет электрондық пошта мекенжайын қабылдамады.
error-invalid-pin = Қызмет PIN-кодты қабылдамады: басқасын таңдаңыз.
error-unknown-citizen = Мұндай ЖСН-і бар азамат дерекқордан табылмады. ЖСН-ді тексеріңіз.
error-unknown-session = Сеанс табылмады немесе ескірген. ЖСН енгізуден қайта бастаңыз.
error-unauthorized = Сеанс расталмаған. ЖСН енгізуден қайта бастаңыз.
error-phone-not-registered = Телефон нөмірі мобильді азаматтар базасында тіркелмеген.
error-otp-invalid = SMS-тағы код қате.
error-otp-expired = Кодтың мерзімі өтті. Жаңа код сұраңыз.
error-otp-locked = Қате әрекеттер тым көп. ЖСН енгізуден қайта бастаңыз.
error-otp-locked-wait = Бұл ЖСН үшін қате кодтар тым көп. { $minutes } минуттан кейін ЖСН енгізуден бастап қайталаңыз.
error-resend-too-soon = { $seconds ->
   *[other] Жаңа кодты { $seconds } секундтан кейін сұрауға болады.
}
error-payload-too-large = Файл тым үлкен.
error-unsupported-media = Бұл файл түрі жарамайды: JPEG немесе PNG керек (бейне — AVI немесе MP4).
error-invalid-media = Файл бүлінген немесе сурет тым кішкентай.
error-step-out-of-order = Бұл қадамды әзірге орындау мүмкін емес: алдымен алдыңғы қадамдарды аяқтаңыз.
error-verification-pending = Жеке басты тексеру әлі аяқталған жоқ.
error-verification-rejected = Жеке бас расталмады. ХҚКО-ға жүгініңіз.
error-csr-invalid = Сертификатқа сұрау бүлінген. Кілттерді қайта жасаңыз.
error-csr-subject-mismatch = Сертификатқа сұраудағы деректер расталған деректермен сәйкес келмейді.
error-unknown-application = Мұндай нөмірлі өтінім табылмады.
error-not-ready = Сертификаттар әлі шығарылған жоқ. Кейінірек көріңіз.
error-unavailable = Қызмет уақытша қолжетімсіз. Бір минуттан кейін қайталаңыз.
error-internal = Қызмет жағында ақау болды. Кейінірек қайталап көріңіз.
error-unknown = Қызмет белгісіз қате қайтарды. Қайталап көріңіз.

## Uploads and photo files
upload-sending = Жіберілуде…
upload-sent = Қызмет қабылдады.
document-path-label = Немесе файлға жолды көрсетіңіз
document-path-placeholder = мысалы, /home/user/Суреттер/udv-front.jpg
document-path-hint = Enter басыңыз: алдыңғы жағы әлі жоқ болса, файл алдыңғы жақ болады, әйтпесе артқы жақ.
document-camera-again = Камерамен қайта түсіру
document-camera-front = Алдыңғы жағы: камерамен түсіру
document-camera-back = Артқы жағы: камерамен түсіру
document-camera-intro = Куәлікті камераға жақындатып, жақтауды толтырыңыз да, «Суретке түсіру» түймесін басыңыз. Камера тек осы экран ашық тұрғанда қосулы болады.
document-camera-take = Суретке түсіру
document-camera-cancel = Бас тарту
document-camera-refused = Сурет түсірілмеді. { $reason }
document-camera-tips = Куәлікті тегіс әрі қозғалтпай ұстаңыз, мәтінді саусақпен жаппаңыз; жарық бүйірден түссе, жарқыл болмайды.
card-hint-ok = Куәлік жақтауда: түсіруге болады.
card-hint-too-dark = Тым қараңғы: жарықты көбейтіңіз.
card-hint-glare = Куәлікте жарқыл бар: оны жарықтан қисайтыңыз.
card-hint-blurry = Анық емес: камера фокусталғанша куәлікті қозғалтпаңыз.
card-hint-not-filling = Куәлікті жақындатыңыз: ол жақтауды толтыруы керек.
photo-error-not-filling = Куәлік жақтауды толтырмайды: оны камераға жақындатыңыз.
camera-picker-label = Камера
camera-picker-placeholder = Камераны таңдаңыз
camera-picker-not-saved = Камера таңдауы бағдарлама ашық тұрғанда ғана әрекет етеді: { $path } файлына жазу мүмкін болмады.
camera-picker-not-saved-broken = Камера таңдауы бағдарлама ашық тұрғанда ғана әрекет етеді: { $path } баптаулар файлында қате бар, бағдарлама оны қайта жазбайды.
document-dialog-title = Куәліктің фотосуретін таңдаңыз
photo-error-unreadable = { $path } файлын ашу мүмкін болмады.
photo-error-too-large = Файл көлемі { $size } МБ, ең көбі { $max } МБ рұқсат етіледі.
photo-error-not-a-picture = Бұл фотосурет емес: JPEG немесе PNG файлы керек.
photo-error-damaged = Файл бүлінген, суретті оқу мүмкін емес.
photo-error-too-small = { $width }×{ $height } суреті тым кішкентай: кемінде { $min_width }×{ $min_height } керек.
photo-error-too-many-pixels = Суреттің ажыратымдылығы тым үлкен: оны кішірейтіңіз.
photo-error-blurry = Фотосурет анық емес: куәліктің мәтінін оқу мүмкін емес. Құжатты қозғалтпай қайта түсіріңіз.
photo-error-glare = Фотосуреттегі жарқыл куәліктің бір бөлігін жауып тұр. Құжатты жарықтан қисайтыңыз.
photo-error-dark = Фотосурет тым қараңғы: жақсы жарықта түсіріңіз.

## Keys on this PC
key-role-auth = аутентификация кілті (AUTH)
key-role-sign = қол қою кілті
storage-dialog-title = Кілттерге арналған қалтаны таңдаңыз
storage-folder-hint = «Әрі қарай» басқанда қалта тексеріледі: жазу, бос орын, басқа кілттердің бар-жоғы.
storage-checking = Қалта тексерілуде…
storage-folder-ok = Қалта жарамды.
storage-folder-has-keys = Қалтада { $count } кілт файлы бар. Бар кілттер ешқашан қайта жазылмайды: басқа қалтаны таңдаңыз.
storage-use-subfolder = Жаңа { $folder } қалтасын жасау
storage-compatible = Ескі бағдарламаларға арналған үйлесімді файл пішімі (Java 8, ескі NCALayer)
store-error-not-a-folder = { $path } — қалта емес, файл.
store-error-cannot-create = { $path } қалтасын жасау мүмкін болмады. Жолды және қол жеткізу құқығын тексеріңіз.
store-error-read-only = { $path } қалтасына жазу мүмкін емес. Басқа қалтаны таңдаңыз.
store-error-space = Дискіде орын жеткіліксіз: { $needed } КБ керек, { $available } КБ бос.
store-error-wrong-password = Кілттердің құпиясөзі қате.
store-error-mismatch = Берілген сертификат { $key } үшін сәйкес келмейді. Файлдар жазылмады; қолдау қызметіне хабарласыңыз.
store-error-certificate = { $key } үшін берілген сертификатты оқу мүмкін болмады.
store-error-disk-full = Диск толып қалды. Ештеңе жартылай жазылған жоқ: орын босатып, қайталаңыз.
store-error-pending-corrupt = { $path } ішіндегі сақталған кілттер бүлінген немесе толық емес.
store-error-keys = Кілттерді жасау мүмкін болмады. Қайталап көріңіз.
store-error-io = Дискіге жазу қатесі: { $detail }
submit-stage-keys = Екі кілт жұбын жасау: аутентификация (AUTH) және қол қою, RSA 2048
submit-stage-save = Кілттерді қалтаға құпиясөзбен шифрланған түрде сақтау
submit-state-done = дайын
submit-state-active = орындалуда…
submit-missing = Өтінімге деректер жетпейді: расталған деректер, қалта немесе құпиясөз. Алдыңғы қадамдарға оралыңыз.
submit-keys-saved = Кілттер қалтада шифрланған түрде сақталды. Қосымшаны жапсаңыз, сертификаттарды кейін орнатуға болады.
install-folder-hint = Кілттер жасалған қалтаны көрсетіп, Enter басыңыз.
install-found = Сертификаттарды күтіп тұрған кілттер табылды.
install-nothing-found = Бұл қалтада сертификаттарды күтіп тұрған кілттер жоқ.
install-owner-label = Иесі
install-password-hint = Кілттерді жасаған кездегі құпиясөз.
install-checking = Сертификаттардың берілгенін тексеріп жатырмыз…
install-writing = Кілт файлдарын жазып жатырмыз…
install-rejected = Өтінім қабылданбады: { $reason }
install-note = Сертификаттар кілттермен бірге файлдарға жазылады; содан кейін күтудегі файлдар жойылады.
done-files = Кілт файлдары
done-file-auth = Аутентификация (AUTH): { $path }
done-file-sign = Қол қою: { $path }

## qoltanba inspect
inspect-password-prompt = Кілттің құпиясөзі: 
inspect-error-password-file = { $path } құпиясөз файлын оқу мүмкін болмады: { $reason }
inspect-error-terminal = Құпиясөзді терминалдан оқу мүмкін болмады: { $reason }
inspect-error-read = { $path } оқу мүмкін болмады: { $reason }
inspect-error-not-pkcs12 = Бұл PKCS#12 кілт файлы емес немесе ол бүлінген.
inspect-error-protection = Файл бұл бағдарлама қолдамайтын алгоритммен қорғалған.
inspect-error-no-certificate = Файлда сертификат жоқ.
inspect-error-certificate = Файлдағы сертификат бүлінген.
inspect-file-role = Мақсаты
inspect-role-auth = аутентификация (AUTH)
inspect-role-sign = қол қою
inspect-owner = Иесі
inspect-bin = БСН
inspect-issuer = Берген орган
inspect-valid = Жарамды
inspect-days-left = { $days } күн қалды
inspect-expired = мерзімі өтті
inspect-usage = Кілтті пайдалану
inspect-serial = Сериялық нөмір
inspect-key-id = Кілт идентификаторы

## Camera
camera-starting = Камераны қосып жатырмыз…
camera-synthetic = Сынақ камерасы (синтетикалық сурет, нақты камера емес)
camera-device = Камера: { $name }
hint-ok = Тамаша, қозғалмаңыз…
hint-no-face = Камераға қараңыз: бет көрінбейді.
hint-more-than-one = Кадрда тек сіз болуыңыз керек.
hint-move-closer = Камераға жақынырақ келіңіз.
hint-move-back = Камерадан сәл алыстаңыз.
hint-centre = Бетіңізді ортаға орналастырыңыз.
hint-too-dark = Тым қараңғы: жарыққа қарап отырыңыз.
hint-too-bright = Тым жарық: артыңыздағы немесе камераға түскен жарықты алыңыз.
hint-blurry = Сурет анық емес: камераны сүртіп, қозғалмаңыз.
hint-hold-still = Қозғалмаңыз.
video-prompt-back = Камерадан алыстау
video-countdown = { $step }-қадам: { $seconds } с қалды
video-finishing = Дайын, жазуды аяқтап жатырмыз…
video-get-ready = Камераға тура қараңыз: қазір алғашқы нұсқау шығады.
video-failed = Қозғалыс уақытында орындалмады. Қайталап көріңіз: нұсқаулар басқа болады.
video-again = Қайталау
camera-error-none = Камера табылмады. Камераны қосып, бірнеше секунд күтіңіз.
camera-error-permission-linux = Камераға рұқсат жоқ. Пайдаланушыны «video» тобына қосып (sudo usermod -aG video $USER), жүйеге қайта кіріңіз.
camera-error-permission-macos = Камераға рұқсат жоқ. «Жүйе параметрлері» > «Құпиялылық және қауіпсіздік» > «Камера» ашып, Qoltanba-ға рұқсат беріңіз.
camera-error-busy = Камераны басқа бағдарлама пайдаланып тұр (бейнеқоңырау, браузер). Оны жабыңыз — камера өзі қосылады.
camera-error-disconnected = Камера ажыратылды. Оны қайта қосыңыз — сурет өзі оралады.
camera-error-format = Камера белгілі сурет пішімдерінің ешқайсысын қолдамайды. Басқа камераны қолданып көріңіз.
camera-error-other = Камераны қосу мүмкін болмады. Оны қайта қосыңыз немесе қосымшаны қайта іске қосыңыз.
## Қорғалған құрылғы (PKCS#11)
storage-device-searching = Қосылған құрылғыларды іздеп жатырмыз…
storage-device-no-module = Құрылғыңыз көрінбей ме? Kaztoken, AKey және жеке куәлік үшін құрылғы өндірушісінің PKCS#11 модулі қажет: оның жолын баптаулар файлында (modules = [...]) көрсетіңіз немесе бағдарламаны --module ЖОЛ параметрімен іске қосыңыз.
storage-device-problems = Мына модульдерді пайдалану мүмкін болмады:
storage-device-details = { $kind } · { $manufacturer } · { $model }
storage-device-serial = Сериялық нөмірі: { $serial }
storage-device-kind = Құрылғы түрі
storage-pin-label = «{ $device }» құрылғысының PIN-коды
storage-pin-hint = «Әрі қарай» басқанда PIN-кодты құрылғының өзі тексереді.
storage-pin-pad = Құрылғының өз пернетақтасы бар: өрісті бос қалдырып, «Әрі қарай» басыңыз да, PIN-кодты құрылғының өзінде енгізіңіз.
storage-pin-checking = Құрылғы PIN-кодты тексеруде…
storage-pin-ok = PIN-код қабылданды.
storage-pin-changed = PIN-код өзгертілді. Оны есте сақтаңыз: PIN-кодты қалпына келтіру мүмкін емес.
storage-factory-pin = Құрылғыда әлі де зауыттық { $pin } PIN-коды тұр. Оны құрылғыны қолына алған кез келген адам біледі. Кілттерді жасамас бұрын өз PIN-кодыңызды орнатыңыз.
storage-new-pin-label = Жаңа PIN-код
storage-new-pin-repeat = Жаңа PIN-кодты қайталаңыз
storage-new-pin-length = Ұзындығы: ең кемі { $min }, ең көбі { $max } таңба.
storage-new-pin-match = PIN-кодтар сәйкес келеді.
storage-new-pin-mismatch = PIN-кодтар сәйкес келмейді.
storage-pin-changing = Құрылғы PIN-кодты өзгертуде…
device-kind = { $kind ->
    [kaztoken] Kaztoken
    [etoken] eToken PRO 72K
    [jacarta] JaCarta
    [akey] AKey
    [id-card] Жеке куәлік (чип)
    [softhsm] SoftHSM2 (бағдарламалық, тексеруге арналған)
   *[other] Басқа PKCS#11 құрылғысы
}
pin-state-ok = PIN-код орнатылған
pin-state-count-low = Жақында қате PIN-код енгізілген: әрекеттер аз қалды
pin-state-final-try = PIN-кодты енгізудің соңғы әрекеті қалды
pin-state-locked = PIN-код бұғатталған
pin-state-must-change = PIN-кодты ауыстыру қажет
pin-state-user-pin-not-initialised = PIN-код орнатылмаған
pin-state-token-not-initialised = Құрылғы жұмысқа дайындалмаған
pin-advice-count-low = Соңғы кіруден бері бұл құрылғыға қате PIN-код енгізілген. Енгізер алдында PIN-кодты тексеріңіз: бірнеше қатеден кейін құрылғы бұғатталады.
pin-advice-final-try = Соңғы әрекет қалды: тағы бір қате PIN-код құрылғыны бұғаттайды. PIN-кодқа сенімді болмасаңыз, оны енгізбей, ҰКО қызмет көрсету орталығына хабарласыңыз.
pin-advice-locked = Бірнеше қате әрекеттен кейін PIN-код бұғатталды. Оны құрылғы өндірушісінің бағдарламасында PUK-кодпен бұғаттан шығарыңыз немесе ҰКО қызмет көрсету орталығына хабарласыңыз.
pin-advice-must-change = Құрылғы PIN-кодты ауыстыруды талап етеді. Оны құрылғы өндірушісінің бағдарламасында ауыстырып, тізімді жаңартыңыз.
pin-advice-user-pin-not-initialised = Құрылғыда PIN-код әлі орнатылмаған. Оны құрылғы өндірушісінің бағдарламасында орнатып, тізімді жаңартыңыз.
pin-advice-token-not-initialised = Құрылғы жұмысқа дайындалмаған. Оны өндірушінің бағдарламасымен дайындаңыз (инициализациялаңыз) немесе басқа құрылғыны таңдаңыз.
token-error-wrong-pin = PIN-код қате.
token-error-wrong-pin-count-low = PIN-код қате. Әрекеттер аз қалды: қайта енгізер алдында PIN-кодты тексеріңіз.
token-error-wrong-pin-final-try = PIN-код қате. Соңғы әрекет қалды: тағы бір қате құрылғыны бұғаттайды.
token-error-pin-locked = PIN-код бұғатталған. Оны құрылғы өндірушісінің бағдарламасында PUK-кодпен бұғаттан шығарыңыз немесе ҰКО қызмет көрсету орталығына хабарласыңыз.
token-error-pin-expired = PIN-кодтың қолданылу мерзімі өтті. Оны құрылғы өндірушісінің бағдарламасында ауыстырыңыз.
token-error-pin-length = Бұл құрылғының PIN-коды ең кемі { $min }, ең көбі { $max } таңбадан тұрады. Ол құрылғыға жіберілген жоқ, әрекет жұмсалмады.
token-error-new-pin-rejected = Құрылғы жаңа PIN-кодты қабылдамады: ол тым қарапайым немесе рұқсат етілмеген таңбалары бар.
token-error-new-pin-unchanged = Жаңа PIN-код қазіргісімен бірдей.
token-error-new-pin-is-factory = Жаңа PIN-код зауыттық кодпен бірдей болмауы керек.
token-error-removed = Құрылғы ажыратылды. Оны қайта қосып, PIN-кодты енгізіңіз; аяқталмаған кілттер келесі әрекетте жойылады.
token-error-write-protected = Құрылғы жазудан қорғалған: онда кілт жасау мүмкін емес.
token-error-full = Құрылғыда жаңа кілттерге орын жоқ. Қажетсіз кілттерді өндірушінің бағдарламасымен жойыңыз немесе басқа құрылғыны таңдаңыз.
token-error-not-supported = { $capability ->
    [key-generation] Құрылғы RSA 2048 кілттерін жасай алмайды. Басқа құрылғыны таңдаңыз.
    [signing] Құрылғы RSA кілтімен қол қоя алмайды. Басқа құрылғыны таңдаңыз.
    [pin-pad] Құрылғы PIN-кодты өз пернетақтасынан қабылдамайды. PIN-кодты өріске енгізіңіз.
   *[other] Құрылғы қажетті операцияны қолдамайды. Басқа құрылғыны таңдаңыз.
}
token-error-busy = Құрылғыны басқа бағдарлама пайдаланып отыр. Оны жауып, қайталап көріңіз.
token-error-logged-out = Құрылғы сеансты аяқтады. PIN-кодты қайта енгізіңіз.
token-error-module-not-loaded = Бұл құрылғының модулі ({ $module }) жүктелмеген. Құрылғылар тізімін жаңартыңыз.
token-error-module-failed = Құрылғы модулі қате туралы хабарлады ({ $code }). Құрылғыны қайта қосып, қайталап көріңіз.
token-error-internal = Құрылғымен жұмыс кезіндегі ішкі қате. Қайталап көріңіз.
token-error-key-not-protected = Құрылғы жасалған кілтті көшіруден қорғамады, сондықтан кілт жойылды. Бұл құрылғы ЭЦҚ үшін жарамайды.
token-error-key-missing = Бұл өтінімнің кілттері құрылғыдан табылмады. Басқа құрылғы қосылған болуы мүмкін.
token-error-certificate-missing = Жазылғаннан кейін сертификат құрылғыдан табылмады. Қайталап көріңіз.
token-error-certificate-exists = Бұл кілт үшін құрылғыда басқа сертификат жазылып қойған.
token-error-certificate-invalid = Алынған сертификат бүлінген. Кейінірек қайталаңыз немесе қолдау қызметіне хабарласыңыз.
token-error-certificate-mismatch = Алынған сертификат құрылғыдағы кілтке сәйкес келмейді. Қолдау қызметіне хабарласыңыз.
token-error-request = Деректеріңіз бойынша сертификатқа сұрау құрастыру мүмкін болмады. Деректерді тексеру қадамына оралыңыз.
token-error-signature = Құрылғы қате қолтаңба қайтарды. Оны қайта қосып, қайталап көріңіз.
token-error-not-connected = «{ $label }» құрылғысы (сериялық нөмірі { $serial }) табылмады. Оны қосып, қайталап көріңіз.
token-error-interrupted = Құрылғымен жұмыс үзілді. Қайталап көріңіз.
module-problem-not-found = { $path }: файл табылмады
module-problem-load-failed = { $path }: кітапхана жүктелмейді ({ $detail })
module-problem-not-pkcs11 = { $path }: бұл PKCS#11 модулі емес
module-problem-init-failed = { $path }: модуль іске қосылмады ({ $code })
module-problem-list-failed = { $path }: модуль құрылғылар тізімін бере алмады ({ $code })
submit-stage-device-keys = Құрылғыда екі кілт жұбын жасау: аутентификация (AUTH) және қол қою, RSA 2048
submit-stage-device-requests = Сертификатқа сұрауларға құрылғы кілттерімен қол қою
submit-device-keys = Кілттер құрылғыда жасалды және одан шықпайды. Қосымшаны жапсаңыз, сертификаттарды кейін орнатуға болады: осы құрылғы және оның PIN-коды қажет болады.
submit-missing-device = Өтінімге деректер жетпейді: расталған деректер немесе PIN-коды енгізілген құрылғы. Алдыңғы қадамдарға оралыңыз.
submit-device-keys-removed = Өтінім қабылданбады, сондықтан ол үшін жасалған кілттер құрылғыдан жойылды.
install-device-intro = ҰКО сертификаттарды шығарғанда, олар жүктеліп, құрылғыға кілттердің жанына жазылады.
install-device-label = Кілттер сақталған құрылғы
install-device-value = { $device }, сериялық нөмірі { $serial }
install-device-pin-hint = Құрылғыны қосып, оның PIN-кодын енгізіңіз.
install-device-writing = Сертификаттарды құрылғыға жазып жатырмыз…
install-device-note = Жабық кілттер құрылғыдан шықпайды; оған тек сертификаттар жазылады.
done-device = Кілттер мен сертификаттар «{ $device }» құрылғысында ({ $model }, сериялық нөмірі { $serial }). Кіру және қол қою үшін осы құрылғыны қосып, оның PIN-кодын енгізіңіз.

## qoltanba tokens
tokens-modules = PKCS#11 модульдері
tokens-modules-none = Бірде-бір модуль жүктелмеді.
tokens-module-known = белгілі { $vendor } модулі
tokens-module-added = баптауларда немесе --module параметрімен қосылған
tokens-version = нұсқасы
tokens-problems = Ақаулар
tokens-devices = Құрылғылар
tokens-devices-none = Құрылғылар табылмады.
tokens-slot = { $slot } слоты: { $description }
tokens-label = Белгі
tokens-manufacturer = Өндіруші
tokens-model = Модель
tokens-serial = Сериялық нөмір
tokens-kind = Түрі
tokens-pin = PIN-код
tokens-pin-length = PIN-код ұзындығы
tokens-module = Модуль
tokens-advice = Не істеу керек

## Kiosk mode (ХҚКО)
keypad-backspace = Өшіру
keypad-clear = Тазалау
keypad-space = Бос орын
keypad-upper = ABC
keypad-lower = abc
kiosk-field-pin = ПИН-код
kiosk-field-new-pin = Жаңа ПИН-код
kiosk-field-password = Құпиясөз
kiosk-field-repeat = Қайталау
kiosk-field-email = Эл. пошта
kiosk-cancel = Болдырмау
kiosk-cancel-title = Басынан бастау керек пе?
kiosk-cancel-body = Енгізілген барлық деректер, фото және бейне осы терминалдан жойылады.
kiosk-cancel-no = Өтінішті жалғастыру
kiosk-cancel-yes = Иә, жойып шығу
kiosk-idle-title = Сіз әлі осындасыз ба?
kiosk-idle-body = { $seconds } с кейін енгізілген барлық деректер жойылады және терминал басына оралады.
kiosk-idle-continue = Иә, осындамын
kiosk-needs-operator-code = киоск режиміне оператор коды қажет. Оны мына командамен орнатыңыз: qoltanba operator-code
kiosk-needs-service-url = киоск режиміне беру қызметінің мекенжайы қажет (settings.toml ішіндегі service_url немесе --service-url): ішкі сынақ қызметі келушілердің фотосын, бейнесін және телефонын осы терминалда сақтар еді. Көрсетілім үшін --demo-sandbox арқылы іске қосыңыз.
kiosk-operator-button = Қызметтік кіру
kiosk-operator-title = Операторға арналған кіру
kiosk-operator-intro = Терминал баптауларын ашу үшін оператор кодын енгізіңіз.
kiosk-operator-code-placeholder = Оператор коды
kiosk-operator-enter = Кіру
kiosk-operator-cancel = Артқа
kiosk-operator-checking = Код тексерілуде…
kiosk-operator-wrong = Код қате. Қалған әрекеттер: { $left }.
kiosk-operator-locked = Қате әрекеттер тым көп. Кіру тағы { $minutes } минутқа бұғатталды. Әр келесі бұғаттау ұзағырақ.
kiosk-panel-title = Терминал баптаулары
kiosk-panel-intro = Өзгерістер бірден қолданылады және баптаулар файлында сақталады.
kiosk-panel-service = Беру қызметінің мекенжайы
kiosk-panel-service-placeholder = https://…
kiosk-panel-service-hint = Беру қызметінің мекенжайы (https://…). Бос өріс — ішкі сынақ қызметі, тек көрсетілім киоскісі үшін (--demo-sandbox).
kiosk-panel-service-invalid = Мекенжай https:// деп басталуы керек (http:// — тек осы компьютердегі қызмет үшін).
kiosk-panel-service-required = Беру қызметінің мекенжайын көрсетіңіз: онсыз киоск іске қосылмайды (бос өріс тек көрсетілім киоскісіне рұқсат).
kiosk-panel-camera = Камера
kiosk-camera-default = Әдепкі камера
kiosk-camera-synthetic = Сынақ камерасы (синтетикалық)
kiosk-panel-test-camera = Камераны тексеру
kiosk-camera-works = Камера жұмыс істейді: { $camera }, { $width } x { $height }.
kiosk-panel-testing = Тексерілуде…
kiosk-panel-idle = Әрекетсіздікте тазалау уақыты
kiosk-panel-seconds = с
kiosk-panel-language = Әдепкі тіл
kiosk-panel-save = Сақтау
kiosk-panel-saved = Баптаулар сақталды.
kiosk-panel-not-saved = Баптаулар сақталмады: { $reason }
kiosk-panel-test-readers = Оқу құрылғыларын тексеру
kiosk-panel-no-tokens = Құрылғы табылмады. Токенді немесе жеке куәлікті оқу құрылғысына салыңыз.
kiosk-panel-token = Табылды: { $label } (сериялық нөмірі { $serial })
kiosk-panel-counter = Келушілер есептегіші
kiosk-panel-counts = Аяқталды: { $completed }. Үзілді: { $abandoned }.
kiosk-panel-end-visit = Ағымдағы сеансты аяқтау
kiosk-panel-back = Келушілерге оралу
kiosk-panel-exit = Киоск режимінен шығу
config-bad-operator-code = Баптаулар файлындағы оператор коды бүлінген. Оны қайта орнатыңыз: qoltanba operator-code
operator-code-prompt = Жаңа оператор коды (6-дан 12-ге дейін сан):
operator-code-repeat = Кодты қайталаңыз:
operator-code-format = Оператор коды { $min }–{ $max } саннан тұруы керек.
operator-code-mismatch = Кодтар сәйкес емес.
operator-code-not-saved = Код сақталмады: { $reason }
operator-code-saved = Оператор коды (хеш түрінде) мына файлға сақталды: { $path }.
kiosk-done-take-device = Құрылғыңызды (токенді немесе жеке куәлікті) оқу құрылғысынан алыңыз.
kiosk-done-finish = Аяқтау
document-intro-kiosk = Куәліктің екі жағын да терминал камерасымен жақтаудың ішінде суретке түсіріңіз. Мәтін анық оқылуы керек, жарық шағылыспасын.
settings-broken = { $path } файлы бүлінген (TOML емес), ол өзгертілмеді
settings-unwritable = { $path } жазылмады: { $reason }

## main: lost answers and failed folders
error-idempotency-key-reused = Қызмет бұл сұрауды басқа сұрау деп қабылдады. Осы қадамды қайта бастаңыз.
error-request-in-progress = Қызмет алдыңғы әрекетті әлі өңдеп жатыр. Бірнеше секундтан кейін қайталаңыз.
submit-record-not-saved = Құрылғыдағы кілттер туралы жазбаны сақтау мүмкін болмады, сондықтан ештеңе жіберілмеді, ал кілттер жойылды: { $reason }
submit-not-written = Өтінім қабылданды, бірақ оның нөмірін кілттердің жанына жазу мүмкін болмады. Нөмірді жазып алыңыз. Қалтаны қайта қосып, түймені басыңыз немесе басқа қалтаны көрсетіңіз: кілттер нөмірмен бірге сонда жазылады. Себебі: { $reason }
submit-kit-folder-label = Кілттерге арналған қалта
submit-kit-write = Кілттер мен нөмірді осында жазу
phone-replacement-waiting = Бұл ЖСН-ге басқа нөмір тіркелген. Ауыстыруды растау үшін оператор жаңа нөмірге бейне байланыс арқылы қоңырау шалады; оған дейін SMS-кодтар бұрынғы нөмірге келеді. Бет әр он секунд сайын тексереді және оператор растағанда өзі жалғасады.
phone-replacement-rejected = Оператор жаңа нөмірді растамады. Кодтар бұрын тіркелген нөмірге келе береді. Нөмірді тексеріңіз немесе ХҚКО-ға хабарласыңыз.
service-failed-plain-http = Қызмет мекенжайы { $url } басқа компьютерге қорғалмаған http:// пайдаланады: деректеріңіз, SMS-код және сеанс кілті ашық жіберілер еді. https:// мекенжайын көрсетіңіз. (Тек сынақ стендтері үшін: қолданбаны --insecure-http арқылы іске қосыңыз.)

## gost: inspect
inspect-role-both = кіру және қол қою (барлығына бір МЕМСТ кілті)
inspect-iin-check-failed = { $iin } — назар аударыңыз: бақылау цифры сәйкес келмейді (ҰКО-ның сынақ сертификаттарында мұндай нөмірлер болады)
inspect-holder = Рөлі
inspect-holder-individual = жеке тұлға
inspect-holder-head = заңды тұлғаның бірінші басшысы
inspect-holder-right-to-sign = заңды тұлғаның атынан қол қою құқығы бар тұлға
inspect-holder-finance = заңды тұлғаның қаржы қызметкері
inspect-holder-employee = заңды тұлғаның қызметкері
inspect-holder-information-system = ақпараттық жүйе
inspect-holder-legal-entity = заңды тұлғаның өкілі
inspect-organization = Ұйым
inspect-algorithm = Алгоритм
inspect-algorithm-gost = МЕМСТ 34.10-2015, 512 бит
inspect-algorithm-rsa = RSA, { $bits } бит
inspect-algorithm-ec = эллипстік қисық (ECDSA)
inspect-algorithm-other = белгісіз ({ $oid })
inspect-key-check = Жабық кілт
inspect-key-matches = кілт сертификатқа сәйкес келеді (шифры ашылды, тексерілді, жадтан өшірілді)
inspect-key-mismatch = назар аударыңыз: кілт сертификатқа СӘЙКЕС КЕЛМЕЙДІ
inspect-key-unchecked = бар, бірақ оның алгоритмін мұнда тексеру мүмкін емес
inspect-key-absent = файлда жоқ (тек сертификат)

## gost: key check after installation
done-key-tried = Әр кілт тексерілді: орнатылған кілтпен сынақ хабарламасына қол қойылып, қолтаңба оның сертификатымен салыстырылды.
done-key-tried-ok = жұмыс істейді (қол қойылды және тексерілді)
done-key-tried-failed = ЖҰМЫС ІСТЕМЕЙДІ: қолтаңба сертификатқа сәйкес келмейді; бұл файлға сенбеңіз, қолдау қызметіне хабарласыңыз
done-key-tried-unusable = тексеру мүмкін болмады: файлда бұл бағдарлама қол қоя алатын кілт жоқ

## gost: check my keys
welcome-check-keys = Кілттерімді тексеру
welcome-check-keys-detail = Кілт файлында не бар және кілт жұмыс істей ме: МЕМСТ немесе RSA, ҰКО-дан немесе осы бағдарламадан.
check-keys-title = Кілттерімді тексеру
check-keys-intro = Кілт файлын (.p12) таңдап, оның құпиясөзін енгізіңіз. Кілттің шифры тек сертификатпен салыстыру үшін ашылады, содан кейін жадтан өшіріледі; ешнәрсе ешқайда жіберілмейді.
check-keys-file = Кілт файлы
check-keys-file-placeholder = /home/…/GOST512_….p12
check-keys-browse = Файлды таңдау…
check-keys-pick = Кілт файлын таңдаңыз
check-keys-password = Кілт құпиясөзі
check-keys-check = Тексеру
check-keys-done = Файлда не бар:

## a11y: no file dialog
a11y-no-folder-dialog = Бұл жүйеде қалтаны таңдау терезесі ашылмайды (файл таңдайтын жұмыс үстелі порталы да, zenity да жоқ). Қалтаның толық жолын жоғарыдағы өріске енгізіңіз, мысалы /home/user/Keys.
a11y-no-file-dialog = Бұл жүйеде файлды таңдау терезесі ашылмайды (файл таңдайтын жұмыс үстелі порталы да, zenity да жоқ). Фотосурет файлының толық жолын осында енгізіп, Enter басыңыз.

## a11y: display
a11y-display = Көрініс
a11y-text-size = Мәтін өлшемі: { $percent }%
a11y-text-smaller = Кішірек
a11y-text-larger = Ірірек
a11y-high-contrast = Жоғары контраст
a11y-display-keys = Кез келген экранда: Ctrl+= ірірек, Ctrl+- кішірек, Ctrl+0 — қайтадан 100%. Келесі іске қосуға дейін есте сақталады.

## pack: installers (Windows camera advice; macOS camera-usage text, read by packaging/macos/make-app)
camera-error-privacy-windows = Камераға рұқсат жоқ. Windows 11: «Параметрлер» > «Құпиялылық және қауіпсіздік» > «Камера» — «Камераға қатынас» және «Классикалық қолданбаларға камераға қатынауға рұқсат ету» қосыңыз. Windows 10: «Параметрлер» > «Құпиялылық» > «Камера» — «Қолданбаларға камераға қатынауға рұқсат ету» және «Классикалық қолданбаларға камераға қатынауға рұқсат ету» қосыңыз. Содан кейін осы қадамға оралыңыз.
macos-camera-usage = Qoltanba камераны селфи, бейнесәйкестендіру және жеке куәлік суреттері үшін пайдаланады. Суреттер тек кілт беру қызметіне жіберіледі.

## gost-wizard: key type, GOST kits in the wizard
storage-key-type = Кілт түрі
storage-key-gost = ГОСТ 34.10-2015
storage-key-gost-detail = Ұсынылады: ҰКО РК бүгін осындай кілттерді береді. Кіру үшін де, қол қою үшін де бір кілт.
storage-key-rsa = RSA-2048
storage-key-rsa-detail = Ескі жүйелер үшін. Екі кілт: кіруге (AUTH) және қол қоюға.
storage-key-type-keys = «Солға» және «оңға» пернелері кілт түрін ауыстырады.
storage-device-gost-none = Бұл құрылғының модулі ГОСТ 2012 512 биттік кілт жұптарын ұсынбайды, сондықтан ондағы кілттер RSA-2048 болады.
submit-intro-gost = ГОСТ 34.10-2015 бір кілт жұбы жасалады — кіру үшін де, қол қою үшін де. Қызметке тек сертификатқа сұрау жіберіледі, жабық кілт өзіңізде қалады.
submit-stage-keys-gost = Кілт жұбын жасау: ГОСТ 34.10-2015, 512 бит
submit-stage-save-gost = Кілтті қалтаға құпиясөзбен шифрланған түрде сақтау
done-file-gost = ГОСТ 34.10-2015, кіру және қол қою үшін: { $path }
done-key-gost = ГОСТ кілті (кіру және қол қою)
done-next-gost = Бір ГОСТ кілтімен eGov-қа және басқа сервистерге кіреді әрі құжаттарға қол қояды.
done-key-tried-gost = Кілт тексерілді: орнатылған кілтпен сынақ хабарламасына қол қойылып, қолтаңба оның сертификатымен салыстырылды.

## gostdev: GOST keys on a device
storage-device-key-rule = Құрылғының модулі ГОСТ 2012 512 биттік кілт жұптарын ұсынса, құрылғыдағы кілт ГОСТ 34.10-2015 болады; әйтпесе кілттер RSA-2048 болады. Бұл құрылғыға қандай кілт жасалатынын келесі қадам айтады.
storage-device-gost-on-device = Бұл құрылғының модулі ГОСТ 2012 512 биттік кілт жұптарын ұсынады, сондықтан онда кіру үшін де, қол қою үшін де бір ГОСТ 34.10-2015 кілт жұбы жасалады.
submit-stage-device-keys-gost = Құрылғыда бір ГОСТ 34.10-2015 кілт жұбын (512 бит) жасау
submit-stage-device-request-gost = Сертификатқа сұранымға құрылғының ГОСТ кілтімен қол қою
token-error-gost-key-generation = Құрылғы модулі механизмді көрсетсе де, ГОСТ 2012 512 биттік кілт жұбын жасамады. Басқа құрылғыны таңдаңыз.
token-error-gost-signing = Құрылғы өзінің ГОСТ кілтімен қол қоя алмайды. Басқа құрылғыны таңдаңыз.
done-device-key-tried-failed = ЖҰМЫС ІСТЕМЕЙДІ: құрылғыда жасалған қолтаңба сертификатпен тексерілмейді; қолдау қызметіне хабарласыңыз
