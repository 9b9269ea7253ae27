# Qoltanba — русский (эталонная локаль: все сообщения и аргументы сверяются с этим файлом)

language-self = Русский
app-title = Qoltanba — ключи ЭЦП онлайн

## Общие элементы

step-counter = Шаг { $current } из { $total }
nav-back = Назад
nav-next = Далее
nav-keyboard-hint = Tab / Shift+Tab — следующий / предыдущий элемент · Enter или пробел — нажать · Enter в поле — далее · Esc — назад · F2 — язык
config-unreadable = Не удалось прочитать файл настроек { $path }: { $reason }. Используются настройки по умолчанию.
config-bad-url = Адрес службы «{ $url }» не похож на адрес http(s); используется встроенная песочница.

## Приветствие

welcome-title = Ключи ЭЦП без визита в ЦОН
welcome-intro = Qoltanba поможет получить ключи электронной цифровой подписи удалённо: подтвердите личность по видео, создайте ключи и установите сертификаты НУЦ РК.
welcome-language = Язык интерфейса
welcome-need-title = Что понадобится
welcome-need-id = Удостоверение личности
welcome-need-phone = Телефон, зарегистрированный в базе мобильных граждан
welcome-need-camera = Веб-камера и хорошее освещение
welcome-start = Получить ключи
welcome-start-detail = Пройти все шаги: камера, ИИН, SMS-код, Digital ID, заявка
welcome-status = Проверить статус заявки
welcome-status-detail = По номеру заявки
welcome-install = Установить сертификаты
welcome-install-detail = В ключи, созданные ранее на этом компьютере
welcome-resume = Продолжить прерванную заявку
welcome-resume-none = Прерванных заявок нет
welcome-choose-hint = Стрелки вверх и вниз выбирают действие, Enter — выполнить.

## Проверка камеры

camera-title = Проверка камеры
camera-intro = Камера нужна для селфи, видеоидентификации и фотографий удостоверения. Когда система спросит разрешение на доступ к камере, разрешите его.
camera-preview = Здесь будет изображение с камеры
camera-tips-title = Перед началом
camera-tip-light = Сядьте лицом к свету, без головного убора и тёмных очков.
camera-tip-busy = Закройте другие программы, которые могут использовать камеру.
camera-tip-steady = Поставьте ноутбук или телефон устойчиво, на уровне глаз.

## ИИН

iin-title = Ваш ИИН
iin-intro = Индивидуальный идентификационный номер указан в удостоверении личности: 12 цифр.
iin-label = ИИН
iin-placeholder = 12 цифр, например 900101300123
iin-hint = Введите 12 цифр ИИН.
iin-valid = { $sex ->
    [male] Дата рождения { $date }, мужской пол
   *[female] Дата рождения { $date }, женский пол
}
iin-error-empty = Введите ИИН.
iin-error-not-digits = ИИН состоит только из цифр.
iin-error-length = { $len ->
    [one] Введена { $len } цифра, а нужно 12.
    [few] Введено { $len } цифры, а нужно 12.
   *[other] Введено { $len } цифр, а нужно 12.
}
iin-error-century = Седьмая цифра ИИН ({ $digit }) должна быть от 1 до 6: она обозначает век рождения и пол.
iin-error-date = Первые шесть цифр ИИН должны быть датой рождения (ГГММДД), а такой даты нет.
iin-error-bin = Это БИН юридического лица. Введите личный ИИН.
iin-error-never-issued = Такой ИИН не выдаётся. Проверьте цифры.
iin-error-checksum = Контрольная цифра не совпадает: скорее всего, в ИИН опечатка.

## SMS-код

otp-title = Код из SMS
otp-intro = Мы отправим одноразовый код на номер, зарегистрированный в базе мобильных граждан. SMS приходит с номера 1414.
otp-sent = Код отправлен на номер { $phone }.
otp-label = Код из SMS
otp-placeholder = 6 цифр
otp-hint = Введите 6 цифр из SMS.
otp-resend = Отправить код ещё раз
otp-resend-wait = { $seconds ->
    [one] Повторная отправка через { $seconds } секунду
    [few] Повторная отправка через { $seconds } секунды
   *[other] Повторная отправка через { $seconds } секунд
}
otp-not-registered = Номер не зарегистрирован или сменился
otp-error-empty = Введите код.
otp-error-not-digits = Код состоит только из цифр.
otp-error-length = Код должен содержать { $expected } цифр, введено { $len }.
otp-tries-left = { $count ->
    [one] Неверный код. Осталась { $count } попытка.
    [few] Неверный код. Осталось { $count } попытки.
   *[other] Неверный код. Осталось { $count } попыток.
}

## Регистрация номера

phone-title = Регистрация номера телефона
phone-intro = Если номера нет в базе мобильных граждан или он сменился, зарегистрируйте его. Оператор позвонит по видеосвязи и сверит ваше лицо с удостоверением.
phone-label = Номер мобильного телефона
phone-placeholder = +7 7__ ___ __ __
phone-hint = Номер казахстанского мобильного оператора, например +7 701 234 56 78.
phone-valid = Номер { $phone }
phone-error-empty = Введите номер телефона.
phone-error-character = Символ «{ $ch }» не может быть в номере телефона.
phone-error-length = Неверное количество цифр. Номер выглядит так: +7 7XX XXX XX XX.
phone-error-not-mobile = Это не номер казахстанского мобильного оператора (должен начинаться с +7 7).
phone-call-note = Для видеозвонка понадобятся удостоверение личности и этот телефон.

## Селфи

selfie-title = Селфи
selfie-intro = Расположите лицо в овале по центру. Снимок будет сделан автоматически, когда лицо неподвижно; его можно переснять.
selfie-take = Сделать снимок
selfie-retake = Переснять
selfie-tips = Смотрите прямо в камеру, лицо открыто и хорошо освещено, в кадре только вы.

## Видеоидентификация

video-title = Видеоидентификация
video-intro = Следуйте подсказкам на экране: посмотрите прямо, поверните голову влево и вправо, приблизьтесь. Запись длится около 8 секунд.
video-start = Начать запись
video-prompts-title = Вас попросят
video-prompt-straight = Посмотреть прямо в камеру
video-prompt-left = Повернуть голову влево
video-prompt-right = Повернуть голову вправо
video-prompt-closer = Приблизиться к камере

## PIN учётной записи

pin-title = PIN-код учётной записи
pin-intro = Придумайте PIN-код из 6 цифр для Digital ID. Он понадобится для входа в цифровые документы. Не используйте простые комбинации.
pin-label = PIN-код
pin-repeat-label = Повторите PIN-код
pin-placeholder = 6 цифр
pin-hint = 6 цифр, не подряд и не одинаковые.
pin-valid = PIN-код подходит.
pin-match = PIN-коды совпадают.
pin-mismatch = PIN-коды не совпадают.
pin-error-empty = Введите PIN-код.
pin-error-not-digits = PIN-код состоит только из цифр.
pin-error-length = PIN-код должен содержать { $expected } цифр, введено { $len }.
pin-error-simple = Слишком простой PIN-код: не используйте одинаковые цифры или цифры подряд.

## Удостоверение личности

document-title = Удостоверение личности
document-intro = Сфотографируйте обе стороны удостоверения в рамке или выберите файлы (JPEG или PNG). Текст должен читаться, без бликов.
document-front = Лицевая сторона
document-back = Оборотная сторона
document-camera = Сфотографировать
document-file = Выбрать файл
document-missing = Ещё не добавлено

## Проверка распознанных данных

review-title = Проверьте данные
review-intro = Данные распознаны по фотографиям удостоверения. Если что-то неверно, переснимите документ.
review-surname = Фамилия
review-given-name = Имя
review-patronymic = Отчество
review-birth-date = Дата рождения
review-iin = ИИН
review-document-number = Номер документа
review-issued-by = Кем выдан
review-expires = Действителен до
review-unknown = —
review-confirm = Данные верны

## Проверка в базе населения

verification-title = Проверка личности
verification-intro = Ваши фото, видео и данные удостоверения сверяются с государственной базой данных физических лиц.
verification-checking = Идёт проверка…
verification-approved = Личность подтверждена. Можно подавать заявку на ключи.
verification-moderation = Данные отправлены на ручную проверку оператору. Приложение можно закрыть: статус сохранится, и вы сможете продолжить позже.
verification-rejected = Личность не подтверждена: { $reason }. Обратитесь в ЦОН с удостоверением личности.
verification-refresh = Обновить статус

## Соглашение

agreement-title = Пользовательское соглашение
agreement-intro = Перед подачей заявки в Национальный удостоверяющий центр (НУЦ РК) прочтите условия.
agreement-point-keys = Ключи создаются на вашем устройстве; закрытый ключ никуда не передаётся.
agreement-point-password = Пароль от ключей знаете только вы. Его нельзя восстановить: при утере ключи придётся отозвать и получить заново.
agreement-point-validity = Сертификаты действуют один год. Ключи, полученные удалённо, нельзя продлить — только получить снова.
agreement-point-responsibility = Вы отвечаете за сохранность ключей и не передаёте их другим людям.
agreement-accept = Я прочитал(а) и принимаю условия
email-label = Электронная почта (необязательно)
email-placeholder = name@example.kz
email-hint = Будет указана в сертификате подписи.
email-valid = Адрес будет указан в сертификате.
email-error-missing-at = В адресе нет символа @.
email-error-local = Неверная часть адреса до @.
email-error-domain = Неверный домен после @.
email-error-too-long = Слишком длинный адрес.

## Хранилище ключей

storage-title = Где хранить ключи
storage-intro = Выберите, куда записать ключи. Защищённое устройство безопаснее: ключ нельзя скопировать с него.
storage-folder = Папка на этом компьютере
storage-folder-detail = Файлы PKCS#12, защищённые паролем
storage-folder-warning = Менее безопасный вариант: файлы с ключами можно скопировать. Храните их в надёжном месте и сделайте резервную копию.
storage-folder-label = Папка для ключей
storage-folder-placeholder = Путь к папке
storage-folder-browse = Выбрать папку…
storage-folder-empty = Укажите папку.
storage-folder-relative = Укажите полный путь к папке.
storage-device = Защищённое устройство
storage-device-detail = Удостоверение личности с чипом, Kaztoken, eToken PRO 72K, JaCarta, AKey или другое устройство PKCS#11
storage-device-list = Подключённые устройства
storage-device-none = Устройства не найдены. Подключите устройство и нажмите «Обновить».
storage-device-refresh = Обновить
storage-kiosk-note = В киоске ключи записываются только на защищённое устройство.

## Пароль на ключи

password-title = Пароль на ключи
password-intro = Ключи создаются сейчас, на этом компьютере, и до выдачи сертификатов хранятся зашифрованными этим паролем. Поэтому пароль нужен до отправки заявки.
password-rules = Латинские буквы и цифры, от 6 до 32 символов; можно заглавные и символы #$^ =!*()@%&_?-. Нужна хотя бы одна буква и одна цифра.
password-label = Пароль
password-repeat-label = Повторите пароль
password-warning = Пароль нельзя восстановить. Запишите его и храните отдельно от ключей.
password-strength = { $level ->
    [weak] Надёжность: слабый
    [fair] Надёжность: средний
   *[strong] Надёжность: надёжный
}
password-match = Пароли совпадают.
password-mismatch = Пароли не совпадают.
password-error-empty = Введите пароль.
password-error-character = Символ «{ $ch }» нельзя использовать: только латинские буквы, цифры и #$^ =!*()@%&_?-.
password-error-short = Слишком короткий: { $len } из минимум { $min } символов.
password-error-long = Слишком длинный: { $len } символов, можно не больше { $max }.
password-error-letter = Добавьте хотя бы одну латинскую букву.
password-error-digit = Добавьте хотя бы одну цифру.

## Отправка заявки

submit-title = Создание ключей и заявка
submit-intro = Будут созданы две пары ключей: для аутентификации (AUTH) и для подписи. В службу уходят только запросы на сертификаты, закрытые ключи остаются у вас.
submit-stage-send = Отправка запросов в НУЦ
submit-start = Создать ключи и отправить заявку
submit-number = Номер заявки: { $number }

## Установка сертификатов

install-title = Установка сертификатов
install-intro = Когда НУЦ выпустит сертификаты, они будут загружены и записаны рядом с ключами.
install-start = Установить сертификаты
install-waiting = Заявка обрабатывается. Можно закрыть приложение и вернуться позже через «Установить сертификаты».
install-number-label = Номер заявки
install-folder-label = Папка с ключами

## Готово

done-title = Готово
done-intro = Ключи ЭЦП получены. Сертификаты действуют один год.
done-next = Ключом AUTH входят на eGov и в другие сервисы, ключом подписи (RSA) подписывают документы.
done-home = На главную

## Статус заявки

status-title = Статус заявки
status-intro = Введите номер заявки, который был показан после её отправки.
status-label = Номер заявки
status-placeholder = 10 цифр
status-check = Проверить
status-hint = Номер заявки — 10 цифр.
status-error-empty = Введите номер заявки.
status-error-not-digits = Номер заявки состоит только из цифр.
status-error-length = Номер заявки — { $expected } цифр, введено { $len }.

## Служба выдачи: подключение, ожидание и ошибки

service-connecting = Подключение к службе выдачи…
service-sandbox-badge = ПЕСОЧНИЦА
service-sandbox-note = Учебный режим: встроенная песочница вместо государственных служб. Настоящие ключи не выдаются.
service-failed-config = Не удалось подключиться к службе выдачи: неверный адрес службы или файл сертификата ({ $detail }). Проверьте service_url и ca_file в settings.toml.
service-failed-sandbox-data = Не удалось запустить встроенную тестовую службу: нет доступа к папке { $path }. Проверьте права на папку и свободное место на диске.
service-failed-sandbox-listen = Не удалось запустить встроенную тестовую службу: локальный порт недоступен. Закройте другие копии программы и повторите.
service-failed-sandbox = Не удалось запустить встроенную тестовую службу. Повторите попытку; если ошибка не исчезнет, перезапустите программу.
service-url-missing = Адрес службы выдачи не задан, а встроенной песочницы в этой сборке нет. Укажите адрес: --service-url при запуске или service_url в settings.toml.
service-waiting = Ждём ответа службы…
service-retry = Повторить
sandbox-sms-title = SMS песочницы
sandbox-sms-empty = Сообщений пока нет.
sandbox-sms-code = Код: { $code }
status-result = { $status ->
    [processing] Заявка { $number } обрабатывается.
    [issued] По заявке { $number } сертификаты выпущены: их можно установить.
   *[rejected] Заявка { $number } отклонена.
}
error-timeout = Служба не ответила вовремя. Проверьте подключение к интернету и повторите.
error-unreachable = Нет связи со службой выдачи. Проверьте подключение к интернету и повторите.
error-malformed = Служба прислала непонятный ответ. Повторите попытку.
error-config = Неверные настройки подключения к службе: { $detail }
error-invalid-iin = Служба не приняла ИИН: проверьте цифры.
error-invalid-phone = Служба не приняла номер телефона.
error-invalid-email = Служба не приняла адрес электронной почты.
error-invalid-pin = Служба не приняла PIN-код: выберите другой.
error-unknown-citizen = Гражданин с таким ИИН не найден в базе. Проверьте ИИН.
error-unknown-session = Сеанс не найден или устарел. Начните заново с ввода ИИН.
error-unauthorized = Сеанс не подтверждён. Начните заново с ввода ИИН.
error-phone-not-registered = Номер телефона не зарегистрирован в базе мобильных граждан.
error-otp-invalid = Неверный код из SMS.
error-otp-expired = Срок действия кода истёк. Запросите новый код.
error-otp-locked = Слишком много неверных попыток. Начните заново с ввода ИИН.
error-otp-locked-wait = Слишком много неверных кодов для этого ИИН. Повторите через { $minutes } мин., начав с ввода ИИН.
error-resend-too-soon = { $seconds ->
    [one] Новый код можно запросить через { $seconds } секунду.
    [few] Новый код можно запросить через { $seconds } секунды.
   *[other] Новый код можно запросить через { $seconds } секунд.
}
error-payload-too-large = Файл слишком большой.
error-unsupported-media = Этот тип файла не подходит: нужен JPEG или PNG (видео — AVI или MP4).
error-invalid-media = Файл повреждён или изображение слишком маленькое.
error-step-out-of-order = Этот шаг пока нельзя выполнить: сначала завершите предыдущие.
error-verification-pending = Проверка личности ещё не завершена.
error-verification-rejected = Личность не подтверждена. Обратитесь в ЦОН.
error-csr-invalid = Запрос на сертификат повреждён. Создайте ключи заново.
error-csr-subject-mismatch = Данные в запросе на сертификат не совпадают с подтверждёнными данными.
error-unknown-application = Заявка с таким номером не найдена.
error-not-ready = Сертификаты ещё не выпущены. Попробуйте позже.
error-unavailable = Служба временно недоступна. Повторите через минуту.
error-internal = Сбой на стороне службы. Повторите попытку позже.
error-unknown = Служба вернула неизвестную ошибку. Повторите попытку.

## Uploads and photo files
upload-sending = Отправляется…
upload-sent = Принято службой.
document-path-label = Или укажите путь к файлу
document-path-placeholder = например, /home/user/Изображения/udv-front.jpg
document-path-hint = Нажмите Enter: файл станет лицевой стороной, если её ещё нет, иначе оборотной.
document-camera-again = Переснять камерой
document-camera-front = Лицевая сторона: съёмка камерой
document-camera-back = Оборотная сторона: съёмка камерой
document-camera-intro = Поднесите удостоверение к камере так, чтобы оно заполнило рамку, и нажмите «Сделать снимок». Камера включена, только пока открыт этот экран.
document-camera-take = Сделать снимок
document-camera-cancel = Отмена
document-camera-refused = Снимок не сделан. { $reason }
document-camera-tips = Держите удостоверение ровно и неподвижно, не закрывайте текст пальцами; пусть свет падает сбоку, тогда не будет бликов.
card-hint-ok = Удостоверение в рамке: можно снимать.
card-hint-too-dark = Слишком темно: добавьте света.
card-hint-glare = Блик на удостоверении: наклоните его от света.
card-hint-blurry = Нечётко: держите удостоверение неподвижно, пока камера наводит резкость.
card-hint-not-filling = Поднесите удостоверение ближе: оно должно заполнить рамку.
photo-error-not-filling = Удостоверение не заполняет рамку: поднесите его ближе к камере.
camera-picker-label = Камера
camera-picker-placeholder = Выберите камеру
camera-picker-not-saved = Выбор камеры действует, пока программа открыта: не удалось записать { $path }.
camera-picker-not-saved-broken = Выбор камеры действует, пока программа открыта: в файле настроек { $path } ошибка, и программа его не перезаписывает.
document-dialog-title = Выберите фотографию удостоверения
photo-error-unreadable = Не удалось открыть файл { $path }.
photo-error-too-large = Файл весит { $size } МБ, допускается не больше { $max } МБ.
photo-error-not-a-picture = Это не фотография: нужен файл JPEG или PNG.
photo-error-damaged = Файл повреждён, изображение не читается.
photo-error-too-small = Изображение { $width }×{ $height } слишком маленькое: нужно не меньше { $min_width }×{ $min_height }.
photo-error-too-many-pixels = Изображение слишком большое по разрешению: уменьшите его.
photo-error-blurry = Фотография нечёткая: текст удостоверения не прочитать. Сфотографируйте ещё раз, держа документ неподвижно.
photo-error-glare = На фотографии блик закрывает часть удостоверения. Наклоните документ от света.
photo-error-dark = Фотография слишком тёмная: сфотографируйте при хорошем освещении.

## Keys on this PC
key-role-auth = ключа аутентификации (AUTH)
key-role-sign = ключа подписи
storage-dialog-title = Выберите папку для ключей
storage-folder-hint = Папка будет проверена при нажатии «Далее»: запись, свободное место, нет ли там других ключей.
storage-checking = Проверяем папку…
storage-folder-ok = Папка подходит.
storage-folder-has-keys = { $count ->
    [one] В папке уже есть { $count } файл ключей. Существующие ключи никогда не перезаписываются: выберите другую папку.
    [few] В папке уже есть { $count } файла ключей. Существующие ключи никогда не перезаписываются: выберите другую папку.
   *[other] В папке уже есть { $count } файлов ключей. Существующие ключи никогда не перезаписываются: выберите другую папку.
}
storage-use-subfolder = Создать новую папку { $folder }
storage-compatible = Совместимый формат файлов для старых программ (Java 8, старый NCALayer)
store-error-not-a-folder = { $path } — это файл, а не папка.
store-error-cannot-create = Не удалось создать папку { $path }. Проверьте путь и права доступа.
store-error-read-only = В папку { $path } нельзя записывать. Выберите другую папку.
store-error-space = Недостаточно места на диске: нужно { $needed } КБ, свободно { $available } КБ.
store-error-wrong-password = Неверный пароль на ключи.
store-error-mismatch = Выданный сертификат не подходит для { $key }. Файлы не записаны; обратитесь в поддержку.
store-error-certificate = Не удалось прочитать выданный сертификат для { $key }.
store-error-disk-full = Диск заполнен. Ничего не записано наполовину: освободите место и повторите.
store-error-pending-corrupt = Сохранённые ключи в { $path } повреждены или неполные.
store-error-keys = Не удалось создать ключи. Повторите попытку.
store-error-io = Ошибка записи на диск: { $detail }
submit-stage-keys = Создание двух пар ключей: аутентификация (AUTH) и подпись, RSA 2048
submit-stage-save = Сохранение ключей в папке, в зашифрованном паролем виде
submit-state-done = готово
submit-state-active = выполняется…
submit-missing = Не хватает данных для заявки: подтверждённых данных, папки или пароля. Вернитесь к предыдущим шагам.
submit-keys-saved = Ключи уже сохранены в папке в зашифрованном виде. Если закрыть приложение, сертификаты можно будет установить позже.
install-folder-hint = Укажите папку, где были созданы ключи, и нажмите Enter.
install-found = Найдены ключи, ожидающие сертификатов.
install-nothing-found = В этой папке нет ключей, ожидающих сертификатов.
install-owner-label = Владелец
install-password-hint = Пароль, заданный при создании ключей.
install-checking = Проверяем, выпущены ли сертификаты…
install-writing = Записываем файлы ключей…
install-rejected = Заявка отклонена: { $reason }
install-note = Сертификаты записываются в файлы вместе с ключами; ожидающие файлы после этого удаляются.
done-files = Файлы ключей
done-file-auth = Аутентификация (AUTH): { $path }
done-file-sign = Подпись: { $path }

## qoltanba inspect
inspect-password-prompt = Пароль на ключ: 
inspect-error-password-file = Не удалось прочитать файл с паролем { $path }: { $reason }
inspect-error-terminal = Не удалось прочитать пароль с терминала: { $reason }
inspect-error-read = Не удалось прочитать { $path }: { $reason }
inspect-error-not-pkcs12 = Это не файл ключа PKCS#12 или он повреждён.
inspect-error-protection = Файл защищён алгоритмом, который эта программа не поддерживает.
inspect-error-no-certificate = В файле нет сертификата.
inspect-error-certificate = Сертификат в файле повреждён.
inspect-file-role = Назначение
inspect-role-auth = аутентификация (AUTH)
inspect-role-sign = подпись
inspect-owner = Владелец
inspect-bin = БИН
inspect-issuer = Издатель
inspect-valid = Действует
inspect-days-left = { $days ->
    [one] остался { $days } день
    [few] осталось { $days } дня
   *[other] осталось { $days } дней
}
inspect-expired = срок истёк
inspect-usage = Использование ключа
inspect-serial = Серийный номер
inspect-key-id = Идентификатор ключа

## Camera
camera-starting = Включаем камеру…
camera-synthetic = Тестовая камера (синтетическое изображение, не настоящая камера)
camera-device = Камера: { $name }
hint-ok = Отлично, не двигайтесь…
hint-no-face = Посмотрите в камеру: лицо не видно.
hint-more-than-one = В кадре должны быть только вы.
hint-move-closer = Придвиньтесь ближе к камере.
hint-move-back = Отодвиньтесь немного от камеры.
hint-centre = Расположите лицо по центру.
hint-too-dark = Слишком темно: повернитесь к свету.
hint-too-bright = Слишком светло: уберите свет за спиной или прямо в камеру.
hint-blurry = Изображение нечёткое: протрите камеру и не двигайтесь.
hint-hold-still = Не двигайтесь.
video-prompt-back = Отодвинуться от камеры
video-countdown = Шаг { $step }: осталось { $seconds } с
video-finishing = Готово, завершаем запись…
video-get-ready = Посмотрите прямо в камеру: сейчас появится первая подсказка.
video-failed = Движение не было выполнено вовремя. Попробуйте ещё раз: подсказки будут другими.
video-again = Попробовать ещё раз
camera-error-none = Камера не найдена. Подключите камеру и подождите несколько секунд.
camera-error-permission-linux = Нет доступа к камере. Добавьте пользователя в группу «video» (sudo usermod -aG video $USER) и войдите в систему заново.
camera-error-permission-macos = Нет доступа к камере. Откройте «Системные настройки» > «Конфиденциальность и безопасность» > «Камера» и разрешите доступ Qoltanba.
camera-error-busy = Камера занята другой программой (видеозвонок, браузер). Закройте её — камера включится сама.
camera-error-disconnected = Камера отключилась. Подключите её снова — изображение вернётся само.
camera-error-format = Камера не поддерживает ни один из известных форматов изображения. Попробуйте другую камеру.
camera-error-other = Не удалось включить камеру. Переподключите её или перезапустите приложение.
## Защищённое устройство (PKCS#11)
storage-device-searching = Ищем подключённые устройства…
storage-device-no-module = Не видите своё устройство? Для Kaztoken, AKey и удостоверения личности нужен модуль PKCS#11 от производителя устройства: укажите путь к нему в файле настроек (modules = [...]) или запустите программу с параметром --module ПУТЬ.
storage-device-problems = Не удалось использовать модули:
storage-device-details = { $kind } · { $manufacturer } · { $model }
storage-device-serial = Серийный номер: { $serial }
storage-device-kind = Тип устройства
storage-pin-label = PIN-код устройства «{ $device }»
storage-pin-hint = PIN-код проверит само устройство, когда вы нажмёте «Далее».
storage-pin-pad = У устройства своя клавиатура: оставьте поле пустым, нажмите «Далее» и введите PIN-код на устройстве.
storage-pin-checking = Устройство проверяет PIN-код…
storage-pin-ok = PIN-код принят.
storage-pin-changed = PIN-код изменён. Запомните его: восстановить PIN-код нельзя.
storage-factory-pin = На устройстве всё ещё заводской PIN-код { $pin }. Его знает любой, кто возьмёт устройство в руки. Задайте свой PIN-код, прежде чем создавать ключи.
storage-new-pin-label = Новый PIN-код
storage-new-pin-repeat = Повторите новый PIN-код
storage-new-pin-length = От { $min } до { $max } символов.
storage-new-pin-match = PIN-коды совпадают.
storage-new-pin-mismatch = PIN-коды не совпадают.
storage-pin-changing = Устройство меняет PIN-код…
device-kind = { $kind ->
    [kaztoken] Kaztoken
    [etoken] eToken PRO 72K
    [jacarta] JaCarta
    [akey] AKey
    [id-card] Удостоверение личности (чип)
    [softhsm] SoftHSM2 (программный, для проверки)
   *[other] Другое устройство PKCS#11
}
pin-state-ok = PIN-код задан
pin-state-count-low = Недавно вводился неверный PIN-код: попыток осталось мало
pin-state-final-try = Осталась последняя попытка ввода PIN-кода
pin-state-locked = PIN-код заблокирован
pin-state-must-change = PIN-код нужно сменить
pin-state-user-pin-not-initialised = PIN-код не задан
pin-state-token-not-initialised = Устройство не подготовлено к работе
pin-advice-count-low = С прошлого входа на этом устройстве вводили неверный PIN-код. Проверьте PIN-код перед вводом: после нескольких ошибок устройство заблокируется.
pin-advice-final-try = Осталась последняя попытка: ещё один неверный PIN-код заблокирует устройство. Если вы не уверены в PIN-коде, не вводите его и обратитесь в центр обслуживания НУЦ РК.
pin-advice-locked = PIN-код заблокирован после нескольких неверных попыток. Разблокируйте его PUK-кодом в программе производителя устройства или обратитесь в центр обслуживания НУЦ РК.
pin-advice-must-change = Устройство требует сменить PIN-код. Смените его в программе производителя устройства и обновите список.
pin-advice-user-pin-not-initialised = На устройстве ещё не задан PIN-код. Задайте его в программе производителя устройства и обновите список.
pin-advice-token-not-initialised = Устройство не подготовлено к работе. Подготовьте (инициализируйте) его программой производителя или выберите другое устройство.
token-error-wrong-pin = Неверный PIN-код.
token-error-wrong-pin-count-low = Неверный PIN-код. Попыток осталось мало: проверьте PIN-код, прежде чем вводить его снова.
token-error-wrong-pin-final-try = Неверный PIN-код. Осталась последняя попытка: ещё одна ошибка заблокирует устройство.
token-error-pin-locked = PIN-код заблокирован. Разблокируйте его PUK-кодом в программе производителя устройства или обратитесь в центр обслуживания НУЦ РК.
token-error-pin-expired = Срок действия PIN-кода истёк. Смените его в программе производителя устройства.
token-error-pin-length = PIN-код этого устройства содержит от { $min } до { $max } символов. Устройству он не передавался, попытка не потрачена.
token-error-new-pin-rejected = Устройство не приняло новый PIN-код: он слишком простой или содержит недопустимые символы.
token-error-new-pin-unchanged = Новый PIN-код совпадает с текущим.
token-error-new-pin-is-factory = Новый PIN-код не должен совпадать с заводским.
token-error-removed = Устройство отключено. Подключите его снова и введите PIN-код; незавершённые ключи будут удалены при следующей попытке.
token-error-write-protected = Устройство защищено от записи: ключи на нём создать нельзя.
token-error-full = На устройстве нет места для новых ключей. Удалите ненужные ключи программой производителя или выберите другое устройство.
token-error-not-supported = { $capability ->
    [key-generation] Устройство не умеет создавать ключи RSA 2048. Выберите другое устройство.
    [signing] Устройство не умеет подписывать ключом RSA. Выберите другое устройство.
    [pin-pad] Устройство не принимает PIN-код со своей клавиатуры. Введите PIN-код в поле.
   *[other] Устройство не поддерживает нужную операцию. Выберите другое устройство.
}
token-error-busy = Устройство занято другой программой. Закройте её и попробуйте снова.
token-error-logged-out = Устройство завершило сеанс. Введите PIN-код ещё раз.
token-error-module-not-loaded = Модуль этого устройства ({ $module }) не загружен. Обновите список устройств.
token-error-module-failed = Модуль устройства сообщил об ошибке ({ $code }). Переподключите устройство и попробуйте снова.
token-error-internal = Внутренняя ошибка при работе с устройством. Попробуйте снова.
token-error-key-not-protected = Устройство не защитило созданный ключ от копирования, поэтому ключ удалён. Для ЭЦП это устройство не подходит.
token-error-key-missing = Ключи этой заявки не найдены на устройстве. Возможно, подключено другое устройство.
token-error-certificate-missing = После записи сертификат не найден на устройстве. Попробуйте снова.
token-error-certificate-exists = Для этого ключа на устройстве уже записан другой сертификат.
token-error-certificate-invalid = Полученный сертификат повреждён. Попробуйте позже или обратитесь в поддержку.
token-error-certificate-mismatch = Полученный сертификат не соответствует ключу на устройстве. Обратитесь в поддержку.
token-error-request = Не удалось составить запрос на сертификат по вашим данным. Вернитесь к проверке данных.
token-error-signature = Устройство вернуло неверную подпись. Переподключите его и попробуйте снова.
token-error-not-connected = Устройство «{ $label }» (серийный номер { $serial }) не найдено. Подключите его и попробуйте снова.
token-error-interrupted = Работа с устройством прервана. Попробуйте снова.
module-problem-not-found = { $path }: файл не найден
module-problem-load-failed = { $path }: библиотека не загружается ({ $detail })
module-problem-not-pkcs11 = { $path }: это не модуль PKCS#11
module-problem-init-failed = { $path }: модуль не запустился ({ $code })
module-problem-list-failed = { $path }: модуль не смог перечислить устройства ({ $code })
submit-stage-device-keys = Создание на устройстве двух пар ключей: аутентификация (AUTH) и подпись, RSA 2048
submit-stage-device-requests = Подпись запросов на сертификаты ключами устройства
submit-device-keys = Ключи созданы на устройстве и не покидают его. Если закрыть приложение, сертификаты можно будет установить позже: понадобятся это устройство и его PIN-код.
submit-missing-device = Не хватает данных для заявки: подтверждённых данных или устройства с введённым PIN-кодом. Вернитесь к предыдущим шагам.
submit-device-keys-removed = Заявка не принята, поэтому созданные для неё ключи удалены с устройства.
install-device-intro = Когда НУЦ выпустит сертификаты, они будут загружены и записаны на устройство рядом с ключами.
install-device-label = Устройство с ключами
install-device-value = { $device }, серийный номер { $serial }
install-device-pin-hint = Подключите устройство и введите его PIN-код.
install-device-writing = Записываем сертификаты на устройство…
install-device-note = Закрытые ключи не покидают устройство; на него записываются только сертификаты.
done-device = Ключи и сертификаты находятся на устройстве «{ $device }» ({ $model }, серийный номер { $serial }). Для входа и подписи подключайте это устройство и вводите его PIN-код.

## qoltanba tokens
tokens-modules = Модули PKCS#11
tokens-modules-none = Ни один модуль не загружен.
tokens-module-known = известный модуль { $vendor }
tokens-module-added = добавлен в настройках или параметром --module
tokens-version = версия
tokens-problems = Проблемы
tokens-devices = Устройства
tokens-devices-none = Устройства не найдены.
tokens-slot = Слот { $slot }: { $description }
tokens-label = Метка
tokens-manufacturer = Производитель
tokens-model = Модель
tokens-serial = Серийный номер
tokens-kind = Тип
tokens-pin = PIN-код
tokens-pin-length = Длина PIN-кода
tokens-module = Модуль
tokens-advice = Что делать

## Kiosk mode (ЦОН)
keypad-backspace = Стереть
keypad-clear = Очистить
keypad-space = Пробел
keypad-upper = ABC
keypad-lower = abc
kiosk-field-pin = ПИН-код
kiosk-field-new-pin = Новый ПИН-код
kiosk-field-password = Пароль
kiosk-field-repeat = Повтор
kiosk-field-email = Эл. почта
kiosk-cancel = Отменить
kiosk-cancel-title = Начать заново?
kiosk-cancel-body = Все введённые данные, фото и видео будут удалены с этого терминала.
kiosk-cancel-no = Продолжить заявку
kiosk-cancel-yes = Да, удалить и выйти
kiosk-idle-title = Вы ещё здесь?
kiosk-idle-body = Через { $seconds } с все введённые данные будут удалены, и терминал вернётся к началу.
kiosk-idle-continue = Да, я здесь
kiosk-needs-operator-code = для режима киоска нужен код оператора. Задайте его командой: qoltanba operator-code
kiosk-needs-service-url = для режима киоска нужен адрес службы выдачи (service_url в settings.toml или --service-url): встроенная тестовая служба хранила бы фото, видео и телефоны посетителей на этом терминале. Для демонстрации запустите с --demo-sandbox.
kiosk-operator-button = Служебный вход
kiosk-operator-title = Вход для оператора
kiosk-operator-intro = Введите код оператора, чтобы открыть настройки терминала.
kiosk-operator-code-placeholder = Код оператора
kiosk-operator-enter = Войти
kiosk-operator-cancel = Назад
kiosk-operator-checking = Проверяем код…
kiosk-operator-wrong = Неверный код. Осталось попыток: { $left }.
kiosk-operator-locked = Слишком много неверных попыток. Вход заблокирован ещё на { $minutes } мин. Каждая следующая блокировка дольше.
kiosk-panel-title = Настройки терминала
kiosk-panel-intro = Изменения применяются сразу и сохраняются в файле настроек.
kiosk-panel-service = Адрес службы выдачи
kiosk-panel-service-placeholder = https://…
kiosk-panel-service-hint = Адрес службы выдачи (https://…). Пустое поле — встроенная тестовая служба, только для демонстрационного киоска (--demo-sandbox).
kiosk-panel-service-invalid = Адрес должен начинаться с https:// (http:// — только для службы на этом компьютере).
kiosk-panel-service-required = Укажите адрес службы выдачи: без него киоск не запустится (пустое поле допустимо только для демонстрационного киоска).
kiosk-panel-camera = Камера
kiosk-camera-default = Камера по умолчанию
kiosk-camera-synthetic = Тестовая камера (синтетическая)
kiosk-panel-test-camera = Проверить камеру
kiosk-camera-works = Камера работает: { $camera }, { $width } x { $height }.
kiosk-panel-testing = Проверяем…
kiosk-panel-idle = Сброс при бездействии через
kiosk-panel-seconds = с
kiosk-panel-language = Язык по умолчанию
kiosk-panel-save = Сохранить
kiosk-panel-saved = Настройки сохранены.
kiosk-panel-not-saved = Настройки не сохранены: { $reason }
kiosk-panel-test-readers = Проверить считыватели
kiosk-panel-no-tokens = Устройств не найдено. Вставьте токен или удостоверение в считыватель.
kiosk-panel-token = Найдено: { $label } (серийный номер { $serial })
kiosk-panel-counter = Счётчик посещений
kiosk-panel-counts = Завершено: { $completed }. Прервано: { $abandoned }.
kiosk-panel-end-visit = Завершить текущий сеанс
kiosk-panel-back = Вернуться к посетителям
kiosk-panel-exit = Выйти из режима киоска
config-bad-operator-code = Код оператора в файле настроек повреждён. Задайте его заново: qoltanba operator-code
operator-code-prompt = Новый код оператора (от 6 до 12 цифр):
operator-code-repeat = Повторите код:
operator-code-format = Код оператора должен состоять из { $min }–{ $max } цифр.
operator-code-mismatch = Коды не совпадают.
operator-code-not-saved = Код не сохранён: { $reason }
operator-code-saved = Код оператора сохранён (в виде хеша) в { $path }.
kiosk-done-take-device = Заберите своё устройство (токен или удостоверение) из считывателя.
kiosk-done-finish = Завершить
document-intro-kiosk = Сфотографируйте обе стороны удостоверения камерой терминала, держа карту в рамке. Текст должен читаться чётко, без бликов.
settings-broken = файл { $path } повреждён (не TOML) и оставлен как есть
settings-unwritable = не удалось записать { $path }: { $reason }

## main: lost answers and failed folders
error-idempotency-key-reused = Служба приняла этот запрос за другой. Начните этот шаг заново.
error-request-in-progress = Служба ещё обрабатывает предыдущую попытку. Повторите через несколько секунд.
submit-record-not-saved = Не удалось сохранить запись о ключах на устройстве, поэтому ничего не отправлено, а ключи удалены: { $reason }
submit-not-written = Заявка принята, но её номер не удалось записать рядом с ключами. Запишите номер. Подключите папку снова и нажмите кнопку или укажите другую папку: ключи будут записаны туда вместе с номером. Причина: { $reason }
submit-kit-folder-label = Папка для ключей
submit-kit-write = Записать ключи и номер сюда
phone-replacement-waiting = На этот ИИН уже зарегистрирован другой номер. Оператор позвонит вам по видеосвязи на новый номер, чтобы подтвердить замену; до этого SMS-коды приходят на прежний номер. Страница проверяет каждые десять секунд и продолжит сама, когда оператор подтвердит.
phone-replacement-rejected = Оператор не подтвердил новый номер. Коды по-прежнему приходят на ранее зарегистрированный номер. Проверьте номер или обратитесь в ЦОН.
service-failed-plain-http = Адрес службы { $url } использует незащищённый http:// к другому компьютеру: ваши данные, SMS-код и ключ сеанса передавались бы открыто. Укажите адрес https://. (Только для тестовых стендов: запустите приложение с --insecure-http.)

## gost: inspect
inspect-role-both = вход и подпись (один ключ ГОСТ для всего)
inspect-iin-check-failed = { $iin } — внимание: контрольная цифра не сходится (такие номера бывают в тестовых сертификатах НУЦ)
inspect-holder = Роль
inspect-holder-individual = физическое лицо
inspect-holder-head = первый руководитель юридического лица
inspect-holder-right-to-sign = лицо с правом подписи юридического лица
inspect-holder-finance = финансовый работник юридического лица
inspect-holder-employee = сотрудник юридического лица
inspect-holder-information-system = информационная система
inspect-holder-legal-entity = представитель юридического лица
inspect-organization = Организация
inspect-algorithm = Алгоритм
inspect-algorithm-gost = ГОСТ 34.10-2015, 512 бит
inspect-algorithm-rsa = RSA, { $bits } бит
inspect-algorithm-ec = эллиптическая кривая (ECDSA)
inspect-algorithm-other = неизвестный ({ $oid })
inspect-key-check = Закрытый ключ
inspect-key-matches = ключ соответствует сертификату (расшифрован, проверен, стёрт из памяти)
inspect-key-mismatch = внимание: ключ НЕ соответствует сертификату
inspect-key-unchecked = есть, но его алгоритм здесь проверить нельзя
inspect-key-absent = в файле нет (только сертификат)

## gost: key check after installation
done-key-tried = Каждый ключ проверен: тестовое сообщение подписано установленным ключом, и подпись сверена с его сертификатом.
done-key-tried-ok = работает (подписано и проверено)
done-key-tried-failed = НЕ РАБОТАЕТ: подпись не сходится с сертификатом; не полагайтесь на этот файл, обратитесь в поддержку
done-key-tried-unusable = проверить не удалось: в файле нет ключа, которым эта программа умеет подписывать

## gost: check my keys
welcome-check-keys = Проверить мои ключи
welcome-check-keys-detail = Что в файле ключа и работает ли ключ: ГОСТ или RSA, от НУЦ или из этой программы.
check-keys-title = Проверить мои ключи
check-keys-intro = Выберите файл ключа (.p12) и введите его пароль. Ключ расшифровывается только для сверки с сертификатом и затем стирается из памяти; ничего никуда не отправляется.
check-keys-file = Файл ключа
check-keys-file-placeholder = /home/…/GOST512_….p12
check-keys-browse = Выбрать файл…
check-keys-pick = Выберите файл ключа
check-keys-password = Пароль ключа
check-keys-check = Проверить
check-keys-done = Что в файле:

## a11y: no file dialog
a11y-no-folder-dialog = В этой системе не открывается окно выбора папки (нет портала рабочего стола с выбором файлов и нет zenity). Введите полный путь к папке в поле выше, например /home/user/Keys.
a11y-no-file-dialog = В этой системе не открывается окно выбора файла (нет портала рабочего стола с выбором файлов и нет zenity). Введите здесь полный путь к файлу фотографии и нажмите Enter.

## a11y: display
a11y-display = Отображение
a11y-text-size = Размер текста: { $percent }%
a11y-text-smaller = Мельче
a11y-text-larger = Крупнее
a11y-high-contrast = Высокая контрастность
a11y-display-keys = На любом экране: Ctrl+= крупнее, Ctrl+- мельче, Ctrl+0 — снова 100%. Запоминается до следующего запуска.

## pack: installers (Windows camera advice; macOS camera-usage text, read by packaging/macos/make-app)
camera-error-privacy-windows = Нет доступа к камере. Windows 11: «Параметры» > «Конфиденциальность и защита» > «Камера» — включите «Доступ к камере» и «Разрешить классическим приложениям доступ к камере». Windows 10: «Параметры» > «Конфиденциальность» > «Камера» — включите «Разрешить приложениям доступ к камере» и «Разрешить классическим приложениям доступ к камере». Затем вернитесь к этому шагу.
macos-camera-usage = Qoltanba использует камеру для селфи, видеоидентификации и фотографий удостоверения личности. Снимки передаются только сервису выдачи ключей.

## gost-wizard: key type, GOST kits in the wizard
storage-key-type = Тип ключа
storage-key-gost = ГОСТ 34.10-2015
storage-key-gost-detail = Рекомендуется: такие ключи НУЦ РК выдаёт сегодня. Один ключ и для входа, и для подписи.
storage-key-rsa = RSA-2048
storage-key-rsa-detail = Для старых систем. Два ключа: для входа (AUTH) и для подписи.
storage-key-type-keys = Клавиши «влево» и «вправо» меняют тип ключа.
storage-device-gost-none = Модуль этого устройства не предлагает пары ключей ГОСТ 2012 512 бит, поэтому ключи на нём будут RSA-2048.
submit-intro-gost = Будет создана одна пара ключей ГОСТ 34.10-2015 — и для входа, и для подписи. В службу уходит только запрос на сертификат, закрытый ключ остаётся у вас.
submit-stage-keys-gost = Создание пары ключей: ГОСТ 34.10-2015, 512 бит
submit-stage-save-gost = Сохранение ключа в папке, в зашифрованном паролем виде
done-file-gost = ГОСТ 34.10-2015, для входа и для подписи: { $path }
done-key-gost = Ключ ГОСТ (вход и подпись)
done-next-gost = Одним ключом ГОСТ и входят на eGov и в другие сервисы, и подписывают документы.
done-key-tried-gost = Ключ проверен: тестовое сообщение подписано установленным ключом, и подпись сверена с его сертификатом.

## gostdev: GOST keys on a device
storage-device-key-rule = На устройстве ключ будет ГОСТ 34.10-2015, если модуль устройства предлагает пары ключей ГОСТ 2012 512 бит; иначе ключи будут RSA-2048. Какие ключи получит это устройство, скажет следующий шаг.
storage-device-gost-on-device = Модуль этого устройства предлагает пары ключей ГОСТ 2012 512 бит, поэтому на нём будет создана одна пара ключей ГОСТ 34.10-2015 — и для входа, и для подписи.
submit-stage-device-keys-gost = Создание одной пары ключей ГОСТ 34.10-2015 (512 бит) на устройстве
submit-stage-device-request-gost = Подпись запроса на сертификат ключом ГОСТ устройства
token-error-gost-key-generation = Модуль устройства не создал пару ключей ГОСТ 2012 512 бит, хотя указывает такой механизм. Выберите другое устройство.
token-error-gost-signing = Устройство не может подписывать своим ключом ГОСТ. Выберите другое устройство.
done-device-key-tried-failed = НЕ РАБОТАЕТ: подпись, сделанная на устройстве, не проверяется сертификатом; обратитесь в поддержку
