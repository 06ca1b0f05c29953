import CorpusCleanCore
/// Month and weekday names (with the usual abbreviations) of the major languages, and the
/// words that come with a timestamp: a short line made of them and numbers is a dateline.
enum DateWords {
    static let words: [String] = [
        // English
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "am", "pm", "gmt", "utc", "edt", "est", "pst", "pdt", "cet", "cest", "bst", "ist",
        "updated", "published", "posted", "modified",
        // German, French, Spanish, Portuguese, Italian, Dutch
        "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "montag", "dienstag",
        "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "aktualisiert", "veröffentlicht",
        "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "publié", "mis",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "actualizado", "publicado", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro",
        "outubro", "novembro", "dezembro", "atualizado", "gennaio", "febbraio", "aprile", "maggio", "giugno",
        "luglio", "settembre", "ottobre", "dicembre", "aggiornato", "pubblicato", "januari", "februari",
        "maart", "mei", "augustus", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
        "zondag", "bijgewerkt",
        // Russian, Polish, Indonesian, Turkish
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
        "ноября", "декабря", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
        "сентябрь", "октябрь", "ноябрь", "декабрь", "обновлено", "stycznia", "lutego", "marca", "kwietnia",
        "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
        "maret", "agustus", "desember", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
        "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım",
        "aralık",
    ]
}
