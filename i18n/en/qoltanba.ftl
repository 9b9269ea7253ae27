# Qoltanba — English (the reference locale is Russian: all messages and arguments are checked against ru/qoltanba.ftl)

language-self = English
app-title = Qoltanba — EDS keys online

## Common elements

step-counter = Step { $current } of { $total }
nav-back = Back
nav-next = Next
nav-keyboard-hint = Tab / Shift+Tab — next / previous element · Enter or Space — press · Enter in a field — next · Esc — back · F2 — language
config-unreadable = Could not read the settings file { $path }: { $reason }. Default settings are used.
config-bad-url = The service address “{ $url }” does not look like an http(s) address; the built-in sandbox is used.

## Welcome

welcome-title = EDS keys without visiting a Public Service Center
welcome-intro = Qoltanba helps you get electronic digital signature (EDS) keys remotely: confirm your identity by video, create your keys and install certificates from the NCA RK.
welcome-language = Interface language
welcome-need-title = What you will need
welcome-need-id = ID card
welcome-need-phone = A phone registered in the mobile citizens database
welcome-need-camera = A webcam and good lighting
welcome-start = Get keys
welcome-start-detail = Go through all steps: camera, IIN, SMS code, Digital ID, application
welcome-status = Check application status
welcome-status-detail = By application number
welcome-install = Install certificates
welcome-install-detail = Into keys created earlier on this computer
welcome-resume = Resume an interrupted application
welcome-resume-none = No interrupted applications
welcome-choose-hint = Use the Up and Down arrow keys to choose an action, Enter to run it.

## Camera check

camera-title = Camera check
camera-intro = The camera is needed for a selfie, video identification and photos of your ID card. When the system asks for permission to use the camera, allow it.
camera-preview = The camera image will appear here
camera-tips-title = Before you start
camera-tip-light = Sit facing the light, without a hat or dark glasses.
camera-tip-busy = Close other programs that may be using the camera.
camera-tip-steady = Place your laptop or phone on a steady surface, at eye level.

## IIN

iin-title = Your IIN
iin-intro = Your IIN (individual identification number) is printed on your ID card: 12 digits.
iin-label = IIN
iin-placeholder = 12 digits, for example 900101300123
iin-hint = Enter the 12 digits of your IIN.
iin-valid = { $sex ->
    [male] Born { $date }, male
   *[female] Born { $date }, female
}
iin-error-empty = Enter your IIN.
iin-error-not-digits = The IIN contains digits only.
iin-error-length = { $len ->
    [one] You entered { $len } digit, but 12 are needed.
   *[other] You entered { $len } digits, but 12 are needed.
}
iin-error-century = The seventh digit of the IIN ({ $digit }) must be from 1 to 6: it encodes the century of birth and sex.
iin-error-date = The first six digits of the IIN must be a date of birth (YYMMDD), and no such date exists.
iin-error-bin = This is a BIN (business identification number) of a legal entity. Enter your personal IIN.
iin-error-never-issued = No such IIN is ever issued. Check the digits.
iin-error-checksum = The check digit does not match: the IIN most likely contains a typo.

## SMS code

otp-title = SMS code
otp-intro = We will send a one-time code to the number registered in the mobile citizens database. The SMS comes from 1414.
otp-sent = The code was sent to { $phone }.
otp-label = SMS code
otp-placeholder = 6 digits
otp-hint = Enter the 6 digits from the SMS.
otp-resend = Send the code again
otp-resend-wait = { $seconds ->
    [one] You can resend in { $seconds } second
   *[other] You can resend in { $seconds } seconds
}
otp-not-registered = My number is not registered or has changed
otp-error-empty = Enter the code.
otp-error-not-digits = The code contains digits only.
otp-error-length = The code must have { $expected } digits; you entered { $len }.
otp-tries-left = { $count ->
    [one] Wrong code. { $count } attempt left.
   *[other] Wrong code. { $count } attempts left.
}

## Phone number registration

phone-title = Register your phone number
phone-intro = If your number is not in the mobile citizens database or has changed, register it. An operator will make a video call and compare your face with your ID card.
phone-label = Mobile phone number
phone-placeholder = +7 7__ ___ __ __
phone-hint = A number of a Kazakhstan mobile operator, for example +7 701 234 56 78.
phone-valid = Number { $phone }
phone-error-empty = Enter your phone number.
phone-error-character = The character “{ $ch }” cannot be part of a phone number.
phone-error-length = Wrong number of digits. The number looks like this: +7 7XX XXX XX XX.
phone-error-not-mobile = This is not a Kazakhstan mobile number (it must start with +7 7).
phone-call-note = For the video call you will need your ID card and this phone.

## Selfie

selfie-title = Selfie
selfie-intro = Place your face inside the oval in the center. The photo is taken automatically when your face is still; you can retake it.
selfie-take = Take photo
selfie-retake = Retake
selfie-tips = Look straight into the camera, keep your face uncovered and well lit, with only you in the frame.

## Video identification

video-title = Video identification
video-intro = Follow the prompts on the screen: look straight ahead, turn your head left and right, move closer. The recording takes about 8 seconds.
video-start = Start recording
video-prompts-title = You will be asked to
video-prompt-straight = Look straight into the camera
video-prompt-left = Turn your head left
video-prompt-right = Turn your head right
video-prompt-closer = Move closer to the camera

## Account PIN

pin-title = Account PIN code
pin-intro = Create a 6-digit PIN code for Digital ID. You will need it to access your digital documents. Avoid simple combinations.
pin-label = PIN code
pin-repeat-label = Repeat PIN code
pin-placeholder = 6 digits
pin-hint = 6 digits, not in sequence and not all the same.
pin-valid = The PIN code is fine.
pin-match = The PIN codes match.
pin-mismatch = The PIN codes do not match.
pin-error-empty = Enter a PIN code.
pin-error-not-digits = The PIN code contains digits only.
pin-error-length = The PIN code must have { $expected } digits; you entered { $len }.
pin-error-simple = The PIN code is too simple: do not use repeated or consecutive digits.

## ID card

document-title = ID card
document-intro = Photograph both sides of your ID card inside the frame, or choose files (JPEG or PNG). The text must be readable, without glare.
document-front = Front side
document-back = Back side
document-camera = Take photo
document-file = Choose file
document-missing = Not added yet

## Review of recognized data

review-title = Check your details
review-intro = The details were recognized from the photos of your ID card. If anything is wrong, retake the photos of the document.
review-surname = Surname
review-given-name = Given name
review-patronymic = Patronymic
review-birth-date = Date of birth
review-iin = IIN
review-document-number = Document number
review-issued-by = Issued by
review-expires = Valid until
review-unknown = —
review-confirm = The details are correct

## Check against the population database

verification-title = Identity check
verification-intro = Your photos, video and ID card details are being compared with the state database of individuals.
verification-checking = Checking…
verification-approved = Your identity is confirmed. You can now apply for keys.
verification-moderation = Your data has been sent to an operator for manual review. You can close the app: the status is saved and you can continue later.
verification-rejected = Your identity was not confirmed: { $reason }. Please visit a Public Service Center with your ID card.
verification-refresh = Refresh status

## Agreement

agreement-title = User agreement
agreement-intro = Before applying to the National Certification Authority (NCA RK), read the terms.
agreement-point-keys = The keys are created on your device; the private key is never sent anywhere.
agreement-point-password = Only you know the password to your keys. It cannot be recovered: if you lose it, the keys will have to be revoked and obtained again.
agreement-point-validity = Certificates are valid for one year. Keys obtained remotely cannot be renewed — only obtained again.
agreement-point-responsibility = You are responsible for keeping your keys safe and do not share them with other people.
agreement-accept = I have read and accept the terms
email-label = Email (optional)
email-placeholder = name@example.kz
email-hint = It will be included in the signing certificate.
email-valid = The address will be included in the certificate.
email-error-missing-at = The address has no @ character.
email-error-local = The part of the address before @ is invalid.
email-error-domain = The domain after @ is invalid.
email-error-too-long = The address is too long.

## Key storage

storage-title = Where to store the keys
storage-intro = Choose where to save the keys. A secure device is safer: the key cannot be copied from it.
storage-folder = A folder on this computer
storage-folder-detail = Password-protected PKCS#12 files
storage-folder-warning = Less secure option: the key files can be copied. Keep them in a safe place and make a backup.
storage-folder-label = Folder for keys
storage-folder-placeholder = Folder path
storage-folder-browse = Choose folder…
storage-folder-empty = Specify a folder.
storage-folder-relative = Specify the full path to the folder.
storage-device = Secure device
storage-device-detail = ID card with a chip, Kaztoken, eToken PRO 72K, JaCarta, AKey or another PKCS#11 device
storage-device-list = Connected devices
storage-device-none = No devices found. Connect a device and press “Refresh”.
storage-device-refresh = Refresh
storage-kiosk-note = In kiosk mode, keys are saved only to a secure device.

## Key password

password-title = Key password
password-intro = The keys are created now, on this computer, and are kept encrypted with this password until the certificates are issued. That is why the password is needed before the application is sent.
password-rules = Latin letters and digits, 6 to 32 characters; capital letters and the symbols #$^ =!*()@%&_?-. are allowed. At least one letter and one digit are required.
password-label = Password
password-repeat-label = Repeat password
password-warning = The password cannot be recovered. Write it down and keep it separately from the keys.
password-strength = { $level ->
    [weak] Strength: weak
    [fair] Strength: fair
   *[strong] Strength: strong
}
password-match = The passwords match.
password-mismatch = The passwords do not match.
password-error-empty = Enter a password.
password-error-character = The character “{ $ch }” is not allowed: only Latin letters, digits and #$^ =!*()@%&_?-.
password-error-short = Too short: { $len } of at least { $min } characters.
password-error-long = Too long: { $len } characters, at most { $max } allowed.
password-error-letter = Add at least one Latin letter.
password-error-digit = Add at least one digit.

## Submitting the application

submit-title = Key creation and application
submit-intro = Two key pairs will be created: one for authentication (AUTH) and one for signing. Only certificate requests are sent to the service; the private keys stay with you.
submit-stage-send = Sending requests to the NCA
submit-start = Create keys and submit application
submit-number = Application number: { $number }

## Installing certificates

install-title = Install certificates
install-intro = When the NCA issues the certificates, they will be downloaded and saved next to the keys.
install-start = Install certificates
install-waiting = The application is being processed. You can close the app and come back later via “Install certificates”.
install-number-label = Application number
install-folder-label = Key folder

## Done

done-title = Done
done-intro = Your EDS keys have been obtained. The certificates are valid for one year.
done-next = The AUTH key is used to sign in to eGov and other services; the signing key (RSA) is used to sign documents.
done-home = Back to home

## Application status

status-title = Application status
status-intro = Enter the application number that was shown after you submitted it.
status-label = Application number
status-placeholder = 10 digits
status-check = Check
status-hint = The application number is 10 digits.
status-error-empty = Enter the application number.
status-error-not-digits = The application number contains digits only.
status-error-length = The application number is { $expected } digits; you entered { $len }.

## Issuance service: connecting, waiting and errors

service-connecting = Connecting to the issuance service…
service-sandbox-badge = SANDBOX
service-sandbox-note = Training mode: the built-in sandbox stands in for the government services. No real keys are issued.
service-failed-config = Could not connect to the issuance service: the service address or the certificate file is not usable ({ $detail }). Check service_url and ca_file in settings.toml.
service-failed-sandbox-data = Could not start the built-in test service: the folder { $path } cannot be used. Check the folder's permissions and the free disk space.
service-failed-sandbox-listen = Could not start the built-in test service: no local port is available. Close other copies of the program and try again.
service-failed-sandbox = Could not start the built-in test service. Try again; if it keeps failing, restart the program.
service-url-missing = No issuance service address is set, and this build has no built-in sandbox. Give the address with --service-url or as service_url in settings.toml.
service-waiting = Waiting for the service…
service-retry = Try again
sandbox-sms-title = Sandbox SMS
sandbox-sms-empty = No messages yet.
sandbox-sms-code = Code: { $code }
status-result = { $status ->
    [processing] Application { $number } is being processed.
    [issued] Certificates for application { $number } are issued and can be installed.
   *[rejected] Application { $number } was rejected.
}
error-timeout = The service did not answer in time. Check your internet connection and try again.
error-unreachable = Cannot reach the issuance service. Check your internet connection and try again.
error-malformed = The service sent an answer we could not read. Please try again.
error-config = The connection settings are wrong: { $detail }
error-invalid-iin = The service did not accept the IIN: check the digits.
error-invalid-phone = The service did not accept the phone number.
error-invalid-email = The service did not accept the e-mail address.
error-invalid-pin = The service did not accept the PIN: choose another one.
error-unknown-citizen = No citizen with this IIN was found. Check the IIN.
error-unknown-session = The session was not found or has expired. Start again from the IIN.
error-unauthorized = The session is not confirmed. Start again from the IIN.
error-phone-not-registered = The phone number is not registered in the mobile-citizens database.
error-otp-invalid = The SMS code is wrong.
error-otp-expired = The code has expired. Ask for a new one.
error-otp-locked = Too many wrong attempts. Start again from the IIN.
error-otp-locked-wait = Too many wrong codes for this IIN. Try again in { $minutes } min., starting from the IIN.
error-resend-too-soon = { $seconds ->
    [one] You can ask for a new code in { $seconds } second.
   *[other] You can ask for a new code in { $seconds } seconds.
}
error-payload-too-large = The file is too large.
error-unsupported-media = This file type is not accepted: use JPEG or PNG (video: AVI or MP4).
error-invalid-media = The file is damaged or the picture is too small.
error-step-out-of-order = This step cannot be done yet: finish the previous ones first.
error-verification-pending = The identity check is not finished yet.
error-verification-rejected = Your identity was not confirmed. Please visit a Public Service Center.
error-csr-invalid = The certificate request is damaged. Create the keys again.
error-csr-subject-mismatch = The data in the certificate request does not match the confirmed data.
error-unknown-application = No application with this number was found.
error-not-ready = The certificates are not issued yet. Try again later.
error-unavailable = The service is temporarily unavailable. Try again in a minute.
error-internal = Something went wrong on the service side. Try again later.
error-unknown = The service returned an unknown error. Please try again.

## Uploads and photo files
upload-sending = Sending…
upload-sent = Accepted by the service.
document-path-label = Or type the path to a file
document-path-placeholder = e.g. /home/user/Pictures/id-front.jpg
document-path-hint = Press Enter: the file becomes the front side if it is still missing, otherwise the back.
document-camera-again = Retake with camera
document-camera-front = Front side: camera
document-camera-back = Back side: camera
document-camera-intro = Hold your ID card up to the camera so that it fills the frame, then press “Take photo”. The camera is on only while this screen is open.
document-camera-take = Take photo
document-camera-cancel = Cancel
document-camera-refused = No photo was taken. { $reason }
document-camera-tips = Hold the card flat and still without covering the text; light from the side avoids glare.
card-hint-ok = The card is in the frame: you can take the photo.
card-hint-too-dark = Too dark: add more light.
card-hint-glare = Glare on the card: tilt it away from the light.
card-hint-blurry = Blurred: hold the card still while the camera focuses.
card-hint-not-filling = Bring the card closer: it should fill the frame.
photo-error-not-filling = The card does not fill the frame: bring it closer to the camera.
camera-picker-label = Camera
camera-picker-placeholder = Choose a camera
camera-picker-not-saved = The camera choice holds while the app is open: { $path } could not be written.
camera-picker-not-saved-broken = The camera choice holds while the app is open: the settings file { $path } has an error, so it is not overwritten.
document-dialog-title = Choose a photo of the ID card
photo-error-unreadable = Could not open the file { $path }.
photo-error-too-large = The file is { $size } MB; at most { $max } MB is accepted.
photo-error-not-a-picture = This is not a photo: a JPEG or PNG file is needed.
photo-error-damaged = The file is damaged; the picture cannot be read.
photo-error-too-small = The picture is { $width }×{ $height }, too small: at least { $min_width }×{ $min_height } is needed.
photo-error-too-many-pixels = The picture has too many pixels: make it smaller.
photo-error-blurry = The photo is blurred: the card text cannot be read. Take it again holding the card still.
photo-error-glare = A reflection covers part of the card. Tilt the card away from the light.
photo-error-dark = The photo is too dark: take it in good light.

## Keys on this PC
key-role-auth = the authentication key (AUTH)
key-role-sign = the signing key
storage-dialog-title = Choose a folder for the keys
storage-folder-hint = The folder is checked when you press Next: writing, free space, and whether other keys are there.
storage-checking = Checking the folder…
storage-folder-ok = The folder is fine.
storage-folder-has-keys = { $count ->
    [one] The folder already holds { $count } key file. Existing keys are never overwritten: choose another folder.
   *[other] The folder already holds { $count } key files. Existing keys are never overwritten: choose another folder.
}
storage-use-subfolder = Create a new folder { $folder }
storage-compatible = Compatible file format for old software (Java 8, old NCALayer)
store-error-not-a-folder = { $path } is a file, not a folder.
store-error-cannot-create = The folder { $path } could not be created. Check the path and the permissions.
store-error-read-only = Nothing can be written in { $path }. Choose another folder.
store-error-space = Not enough disk space: { $needed } KB needed, { $available } KB free.
store-error-wrong-password = The key password is wrong.
store-error-mismatch = The issued certificate does not fit { $key }. No files were written; contact support.
store-error-certificate = The certificate issued for { $key } cannot be read.
store-error-disk-full = The disk is full. Nothing was left half-written: free some space and try again.
store-error-pending-corrupt = The saved keys in { $path } are damaged or incomplete.
store-error-keys = The keys could not be made. Try again.
store-error-io = Disk write error: { $detail }
submit-stage-keys = Making two key pairs: authentication (AUTH) and signing, RSA 2048
submit-stage-save = Saving the keys in the folder, encrypted with the password
submit-state-done = done
submit-state-active = in progress…
submit-missing = Data for the application are missing: confirmed details, folder or password. Go back to the earlier steps.
submit-keys-saved = The keys are already saved in the folder, encrypted. If you close the app, the certificates can be installed later.
install-folder-hint = Give the folder where the keys were made and press Enter.
install-found = Keys waiting for their certificates were found.
install-nothing-found = No keys waiting for certificates in this folder.
install-owner-label = Owner
install-password-hint = The password set when the keys were made.
install-checking = Checking whether the certificates are issued…
install-writing = Writing the key files…
install-rejected = The application was refused: { $reason }
install-note = The certificates are written into the files together with the keys; the waiting files are removed afterwards.
done-files = Key files
done-file-auth = Authentication (AUTH): { $path }
done-file-sign = Signing: { $path }

## qoltanba inspect
inspect-password-prompt = Key password: 
inspect-error-password-file = Could not read the password file { $path }: { $reason }
inspect-error-terminal = Could not read the password from the terminal: { $reason }
inspect-error-read = Could not read { $path }: { $reason }
inspect-error-not-pkcs12 = This is not a PKCS#12 key file, or it is damaged.
inspect-error-protection = The file is protected with an algorithm this program does not support.
inspect-error-no-certificate = The file holds no certificate.
inspect-error-certificate = A certificate in the file is damaged.
inspect-file-role = Purpose
inspect-role-auth = authentication (AUTH)
inspect-role-sign = signing
inspect-owner = Owner
inspect-bin = BIN
inspect-issuer = Issuer
inspect-valid = Valid
inspect-days-left = { $days ->
    [one] { $days } day left
   *[other] { $days } days left
}
inspect-expired = expired
inspect-usage = Key usage
inspect-serial = Serial number
inspect-key-id = Key identifier

## Camera
camera-starting = Turning the camera on…
camera-synthetic = Test camera (a synthetic picture, not a real camera)
camera-device = Camera: { $name }
hint-ok = Good, hold still…
hint-no-face = Look at the camera: no face is visible.
hint-more-than-one = Only you should be in the picture.
hint-move-closer = Come closer to the camera.
hint-move-back = Move back a little from the camera.
hint-centre = Centre your face.
hint-too-dark = Too dark: turn towards the light.
hint-too-bright = Too bright: avoid light behind you or straight into the camera.
hint-blurry = The picture is blurred: wipe the lens and hold still.
hint-hold-still = Hold still.
video-prompt-back = Move back from the camera
video-countdown = Step { $step }: { $seconds } s left
video-finishing = Done, finishing the recording…
video-get-ready = Look straight into the camera: the first prompt appears in a moment.
video-failed = The movement was not done in time. Try again: the prompts will be different.
video-again = Try again
camera-error-none = No camera found. Connect a camera and wait a few seconds.
camera-error-permission-linux = No access to the camera. Add your user to the "video" group (sudo usermod -aG video $USER) and log in again.
camera-error-permission-macos = No access to the camera. Open System Settings > Privacy & Security > Camera and allow Qoltanba.
camera-error-busy = Another program is using the camera (a video call, a browser). Close it — the camera comes back by itself.
camera-error-disconnected = The camera was disconnected. Plug it in again — the picture comes back by itself.
camera-error-format = The camera offers no picture format this app knows. Try another camera.
camera-error-other = The camera could not be turned on. Reconnect it or restart the app.
## Protected device (PKCS#11)
storage-device-searching = Looking for connected devices…
storage-device-no-module = Your device is not listed? Kaztoken, AKey and the ID card need their maker's PKCS#11 module: add its path in the settings file (modules = [...]) or start the program with --module PATH.
storage-device-problems = These modules could not be used:
storage-device-details = { $kind } · { $manufacturer } · { $model }
storage-device-serial = Serial number: { $serial }
storage-device-kind = Device type
storage-pin-label = PIN of the device “{ $device }”
storage-pin-hint = The device itself checks the PIN when you press Next.
storage-pin-pad = The device has its own keypad: leave the field empty, press Next and type the PIN on the device.
storage-pin-checking = The device is checking the PIN…
storage-pin-ok = PIN accepted.
storage-pin-changed = PIN changed. Remember it: a PIN cannot be recovered.
storage-factory-pin = The device still has its factory PIN { $pin }. Anyone who picks the device up knows it. Set your own PIN before the keys are made.
storage-new-pin-label = New PIN
storage-new-pin-repeat = Repeat the new PIN
storage-new-pin-length = { $min } to { $max } characters.
storage-new-pin-match = The PINs match.
storage-new-pin-mismatch = The PINs do not match.
storage-pin-changing = The device is changing the PIN…
device-kind = { $kind ->
    [kaztoken] Kaztoken
    [etoken] eToken PRO 72K
    [jacarta] JaCarta
    [akey] AKey
    [id-card] ID card (chip)
    [softhsm] SoftHSM2 (software, for testing)
   *[other] Other PKCS#11 device
}
pin-state-ok = PIN set
pin-state-count-low = A wrong PIN was entered recently: few tries left
pin-state-final-try = One try left
pin-state-locked = PIN locked
pin-state-must-change = The PIN must be changed
pin-state-user-pin-not-initialised = No PIN set
pin-state-token-not-initialised = The device is not prepared
pin-advice-count-low = A wrong PIN was entered on this device since it was last used. Check the PIN before you type it: after a few mistakes the device locks itself.
pin-advice-final-try = One try left: one more wrong PIN locks the device. If you are not sure of the PIN, do not type it; ask a service centre of the NCA.
pin-advice-locked = The PIN is locked after several wrong tries. Unlock it with the PUK in the device maker's program, or ask a service centre of the NCA.
pin-advice-must-change = The device requires a new PIN. Change it in the device maker's program and refresh the list.
pin-advice-user-pin-not-initialised = The device has no PIN yet. Set one in the device maker's program and refresh the list.
pin-advice-token-not-initialised = The device is not prepared for use. Prepare (initialise) it with the maker's program, or pick another device.
token-error-wrong-pin = Wrong PIN.
token-error-wrong-pin-count-low = Wrong PIN. Few tries are left: check the PIN before you type it again.
token-error-wrong-pin-final-try = Wrong PIN. One try left: one more mistake locks the device.
token-error-pin-locked = The PIN is locked. Unlock it with the PUK in the device maker's program, or ask a service centre of the NCA.
token-error-pin-expired = The PIN has expired. Change it in the device maker's program.
token-error-pin-length = This device's PIN has { $min } to { $max } characters. It was not sent to the device; no try was used.
token-error-new-pin-rejected = The device refused the new PIN: it is too simple or has characters the device does not accept.
token-error-new-pin-unchanged = The new PIN is the same as the current one.
token-error-new-pin-is-factory = The new PIN must not be the factory PIN.
token-error-removed = The device was unplugged. Plug it in again and type the PIN; unfinished keys are removed on the next try.
token-error-write-protected = The device is write-protected: no keys can be made on it.
token-error-full = The device has no room for new keys. Delete keys you no longer need with the maker's program, or pick another device.
token-error-not-supported = { $capability ->
    [key-generation] The device cannot make RSA 2048 keys. Pick another device.
    [signing] The device cannot sign with an RSA key. Pick another device.
    [pin-pad] The device does not take the PIN on its own keypad. Type the PIN in the field.
   *[other] The device does not support a needed operation. Pick another device.
}
token-error-busy = Another program is using the device. Close it and try again.
token-error-logged-out = The device ended the session. Type the PIN again.
token-error-module-not-loaded = This device's module ({ $module }) is not loaded. Refresh the list of devices.
token-error-module-failed = The device's module reported an error ({ $code }). Plug the device in again and retry.
token-error-internal = Internal error while working with the device. Try again.
token-error-key-not-protected = The device did not protect the new key against copying, so the key was deleted. This device is not suitable for digital signatures.
token-error-key-missing = The keys of this application are not on the device. Another device may be plugged in.
token-error-certificate-missing = The certificate is not on the device after writing it. Try again.
token-error-certificate-exists = Another certificate is already written for this key on the device.
token-error-certificate-invalid = The certificate received is damaged. Try later or contact support.
token-error-certificate-mismatch = The certificate received does not match the key on the device. Contact support.
token-error-request = The certificate request could not be made from your data. Go back to checking your data.
token-error-signature = The device returned an invalid signature. Plug it in again and retry.
token-error-not-connected = The device “{ $label }” (serial number { $serial }) is not found. Plug it in and try again.
token-error-interrupted = Work with the device was interrupted. Try again.
module-problem-not-found = { $path }: no such file
module-problem-load-failed = { $path }: the library does not load ({ $detail })
module-problem-not-pkcs11 = { $path }: not a PKCS#11 module
module-problem-init-failed = { $path }: the module did not start ({ $code })
module-problem-list-failed = { $path }: the module could not list its devices ({ $code })
submit-stage-device-keys = Making two key pairs on the device: authentication (AUTH) and signing, RSA 2048
submit-stage-device-requests = Signing the certificate requests with the device's keys
submit-device-keys = The keys were made on the device and never leave it. If you close the app, the certificates can be installed later: you will need this device and its PIN.
submit-missing-device = Something the application needs is missing: confirmed data, or a device with its PIN entered. Go back to the earlier steps.
submit-device-keys-removed = The application was not accepted, so the keys made for it were removed from the device.
install-device-intro = When the NCA issues the certificates, they are downloaded and written to the device next to the keys.
install-device-label = Device with the keys
install-device-value = { $device }, serial number { $serial }
install-device-pin-hint = Plug the device in and type its PIN.
install-device-writing = Writing the certificates to the device…
install-device-note = The private keys never leave the device; only the certificates are written to it.
done-device = The keys and certificates are on the device “{ $device }” ({ $model }, serial number { $serial }). To log in and sign, plug this device in and type its PIN.

## qoltanba tokens
tokens-modules = PKCS#11 modules
tokens-modules-none = No module is loaded.
tokens-module-known = known { $vendor } module
tokens-module-added = added in the settings or with --module
tokens-version = version
tokens-problems = Problems
tokens-devices = Devices
tokens-devices-none = No devices found.
tokens-slot = Slot { $slot }: { $description }
tokens-label = Label
tokens-manufacturer = Manufacturer
tokens-model = Model
tokens-serial = Serial number
tokens-kind = Type
tokens-pin = PIN
tokens-pin-length = PIN length
tokens-module = Module
tokens-advice = What to do

## Kiosk mode (service centre)
keypad-backspace = Delete
keypad-clear = Clear
keypad-space = Space
keypad-upper = ABC
keypad-lower = abc
kiosk-field-pin = PIN
kiosk-field-new-pin = New PIN
kiosk-field-password = Password
kiosk-field-repeat = Repeat
kiosk-field-email = E-mail
kiosk-cancel = Cancel
kiosk-cancel-title = Start again?
kiosk-cancel-body = Everything you entered, and your photos and video, will be deleted from this terminal.
kiosk-cancel-no = Continue the application
kiosk-cancel-yes = Yes, delete and leave
kiosk-idle-title = Are you still here?
kiosk-idle-body = In { $seconds } s everything you entered will be deleted and the terminal will go back to the start.
kiosk-idle-continue = Yes, I am here
kiosk-needs-operator-code = kiosk mode needs an operator code. Set one with: qoltanba operator-code
kiosk-needs-service-url = kiosk mode needs the issuance service address (service_url in settings.toml or --service-url): the built-in test service would keep visitors' photos, videos and phones on this terminal. For a demonstration, start with --demo-sandbox.
kiosk-operator-button = Staff sign-in
kiosk-operator-title = Operator sign-in
kiosk-operator-intro = Enter the operator code to open the terminal settings.
kiosk-operator-code-placeholder = Operator code
kiosk-operator-enter = Sign in
kiosk-operator-cancel = Back
kiosk-operator-checking = Checking the code…
kiosk-operator-wrong = Wrong code. Attempts left: { $left }.
kiosk-operator-locked = Too many wrong codes. Sign-in is locked for { $minutes } more min. Each further lockout is longer.
kiosk-panel-title = Terminal settings
kiosk-panel-intro = Changes apply at once and are kept in the settings file.
kiosk-panel-service = Issuance service address
kiosk-panel-service-placeholder = https://…
kiosk-panel-service-hint = The issuance service address (https://…). Empty means the built-in test service, for a demonstration kiosk only (--demo-sandbox).
kiosk-panel-service-invalid = The address must start with https:// (http:// only for a service on this computer).
kiosk-panel-service-required = Give the issuance service address: without it the kiosk does not start (an empty field is allowed only on a demonstration kiosk).
kiosk-panel-camera = Camera
kiosk-camera-default = Default camera
kiosk-camera-synthetic = Test camera (synthetic)
kiosk-panel-test-camera = Test the camera
kiosk-camera-works = The camera works: { $camera }, { $width } x { $height }.
kiosk-panel-testing = Testing…
kiosk-panel-idle = Reset after being idle for
kiosk-panel-seconds = s
kiosk-panel-language = Default language
kiosk-panel-save = Save
kiosk-panel-saved = Settings saved.
kiosk-panel-not-saved = Settings not saved: { $reason }
kiosk-panel-test-readers = Test the readers
kiosk-panel-no-tokens = No device found. Insert a token or an ID card into the reader.
kiosk-panel-token = Found: { $label } (serial number { $serial })
kiosk-panel-counter = Visit counter
kiosk-panel-counts = Completed: { $completed }. Abandoned: { $abandoned }.
kiosk-panel-end-visit = End the current session
kiosk-panel-back = Back to visitors
kiosk-panel-exit = Leave kiosk mode
config-bad-operator-code = The operator code in the settings file is damaged. Set it again: qoltanba operator-code
operator-code-prompt = New operator code (6 to 12 digits):
operator-code-repeat = Repeat the code:
operator-code-format = The operator code must be { $min } to { $max } digits.
operator-code-mismatch = The codes differ.
operator-code-not-saved = The code was not saved: { $reason }
operator-code-saved = The operator code was saved (as a hash) in { $path }.
kiosk-done-take-device = Take your device (token or ID card) out of the reader.
kiosk-done-finish = Finish
document-intro-kiosk = Photograph both sides of your ID card with the terminal camera, holding the card inside the frame. The text must be sharp, with no glare.
settings-broken = { $path } is damaged (not TOML) and was left as it is
settings-unwritable = { $path } could not be written: { $reason }

## main: lost answers and failed folders
error-idempotency-key-reused = The service took this request for a different one. Start this step again.
error-request-in-progress = The service is still handling the previous attempt. Try again in a few seconds.
submit-record-not-saved = The record of the keys on the device could not be saved, so nothing was sent and the keys were removed: { $reason }
submit-not-written = The application was accepted, but its number could not be written next to the keys. Note the number down. Connect the folder again and press the button, or give another folder: the keys are written there together with the number. Reason: { $reason }
submit-kit-folder-label = Folder for the keys
submit-kit-write = Write the keys and the number here
phone-replacement-waiting = Another number is registered for this IIN. An operator will call you by video on the new number to confirm the change; until then SMS codes go to the current number. This page checks every ten seconds and goes on by itself once the operator has confirmed.
phone-replacement-rejected = The operator did not confirm the new number. Codes still go to the number registered earlier. Check the number, or contact a service centre (ЦОН).
service-failed-plain-http = The service address { $url } uses plain http:// to another computer: your data, the SMS code and the session key would travel unprotected. Use an https:// address. (Test labs only: start the app with --insecure-http.)

## gost: inspect
inspect-role-both = login and signing (one GOST key for both)
inspect-iin-check-failed = { $iin } — warning: the check digit does not match (НУЦ test certificates carry such numbers)
inspect-holder = Role
inspect-holder-individual = individual
inspect-holder-head = head of a legal entity
inspect-holder-right-to-sign = person with the right to sign for a legal entity
inspect-holder-finance = finance officer of a legal entity
inspect-holder-employee = employee of a legal entity
inspect-holder-information-system = information system
inspect-holder-legal-entity = representative of a legal entity
inspect-organization = Organisation
inspect-algorithm = Algorithm
inspect-algorithm-gost = GOST 34.10-2015, 512 bits
inspect-algorithm-rsa = RSA, { $bits } bits
inspect-algorithm-ec = elliptic curve (ECDSA)
inspect-algorithm-other = unknown ({ $oid })
inspect-key-check = Private key
inspect-key-matches = the key matches the certificate (decrypted, checked, wiped from memory)
inspect-key-mismatch = warning: the key does NOT match the certificate
inspect-key-unchecked = present, but its algorithm cannot be checked here
inspect-key-absent = not in the file (certificate only)

## gost: key check after installation
done-key-tried = Each key was tried: a test message was signed with the installed key and the signature checked against its certificate.
done-key-tried-ok = works (signed and verified)
done-key-tried-failed = DOES NOT WORK: the signature does not verify against the certificate; do not rely on this file, contact support
done-key-tried-unusable = could not be tried: the file holds no key this program can sign with

## gost: check my keys
welcome-check-keys = Check my keys
welcome-check-keys-detail = What a key file holds and whether its key works: GOST or RSA, from НУЦ or from this program.
check-keys-title = Check my keys
check-keys-intro = Choose a key file (.p12) and type its password. The key is decrypted only to check it against the certificate, then wiped from memory; nothing is sent anywhere.
check-keys-file = Key file
check-keys-file-placeholder = /home/…/GOST512_….p12
check-keys-browse = Choose a file…
check-keys-pick = Choose a key file
check-keys-password = Key password
check-keys-check = Check
check-keys-done = What the file holds:

## a11y: no file dialog
a11y-no-folder-dialog = This system cannot show a folder dialog (no desktop portal with a file chooser, no zenity). Type the folder's full path in the field above, for example /home/user/Keys.
a11y-no-file-dialog = This system cannot show a file dialog (no desktop portal with a file chooser, no zenity). Type the photo file's full path here and press Enter.

## a11y: display
a11y-display = Display
a11y-text-size = Text size: { $percent }%
a11y-text-smaller = Smaller text
a11y-text-larger = Larger text
a11y-high-contrast = High contrast
a11y-display-keys = On any screen: Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100%. Remembered for the next start.

## pack: installers (Windows camera advice; macOS camera-usage text, read by packaging/macos/make-app)
camera-error-privacy-windows = No access to the camera. Windows 11: Settings > Privacy & security > Camera — turn on “Camera access” and “Let desktop apps access your camera”. Windows 10: Settings > Privacy > Camera — turn on “Allow apps to access your camera” and “Allow desktop apps to access your camera”. Then come back to this step.
macos-camera-usage = Qoltanba uses the camera for the selfie, the video identification and the photos of your ID card. The pictures go only to the issuance service.

## gost-wizard: key type, GOST kits in the wizard
storage-key-type = Key type
storage-key-gost = GOST 34.10-2015
storage-key-gost-detail = Recommended: what NCA RK issues today. One key for signing in and for signing.
storage-key-rsa = RSA-2048
storage-key-rsa-detail = For older systems. Two keys: one for signing in (AUTH), one for signing.
storage-key-type-keys = The left and right arrow keys switch the key type.
storage-device-gost-none = This device's module offers no GOST 2012 512-bit key pairs, so the keys on it are RSA-2048.
submit-intro-gost = One GOST 34.10-2015 key pair will be created, for signing in and for signing. Only the certificate request is sent to the service; the private key stays with you.
submit-stage-keys-gost = Making one key pair: GOST 34.10-2015, 512 bits
submit-stage-save-gost = Saving the key in the folder, encrypted with the password
done-file-gost = GOST 34.10-2015, for signing in and for signing: { $path }
done-key-gost = GOST key (signing in and signing)
done-next-gost = The one GOST key is used both to sign in to eGov and other services and to sign documents.
done-key-tried-gost = The key was tried: a test message was signed with the installed key and the signature checked against its certificate.

## gostdev: GOST keys on a device
storage-device-key-rule = On a device the key is GOST 34.10-2015 when the device's module offers GOST 2012 512-bit key pairs; otherwise the keys are RSA-2048. The next step says which this device gets.
storage-device-gost-on-device = This device's module offers GOST 2012 512-bit key pairs, so one GOST 34.10-2015 key pair is made on it, for signing in and for signing.
submit-stage-device-keys-gost = Making one GOST 34.10-2015 key pair (512 bits) on the device
submit-stage-device-request-gost = Signing the certificate request with the device's GOST key
token-error-gost-key-generation = The device's module did not make a GOST 2012 512-bit key pair, although it lists the mechanism. Pick another device.
token-error-gost-signing = The device cannot sign with its GOST key. Pick another device.
done-device-key-tried-failed = DOES NOT WORK: the signature made on the device does not verify against the certificate; contact support
