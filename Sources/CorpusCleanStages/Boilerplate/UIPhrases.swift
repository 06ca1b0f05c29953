import CorpusCleanCore
/// Interface strings of web pages, compared after lowercasing and trimming punctuation.
enum UIPhrases {
    /// Whole lines that are chrome.
    static let exact: Set<String> = [
        // English
        "subscribe", "subscribe now", "sign in", "sign up", "log in", "login", "log out", "register",
        "log in or register", "leave a reply", "leave a comment", "add comment", "add a comment", "comments",
        "post comment", "reply", "share", "share this", "share this article", "share on facebook",
        "share on twitter", "tweet", "email", "print", "print this page", "rate it", "rate this article",
        "newsfeed", "loader", "loading", "chats", "menu", "search", "home", "advertisement", "advert", "advertising",
        "related", "related articles", "related posts", "related stories", "read more", "read next",
        "more stories", "you may also like", "recommended", "trending", "most popular", "most read",
        "follow us", "like this", "like", "blog at", "up", "up ↑", "%d bloggers like this",
        "connecting to %s", "back to top", "skip to content", "skip to main content", "cookie policy",
        "privacy policy", "terms of use", "terms of service", "all rights reserved", "contact us",
        "about us", "newsletter", "sign up for our newsletter", "next article", "previous article",
        "next post", "previous post", "tags", "categories", "filed under", "posted in", "photo", "video",
        "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit", "telegram", "instagram",
        "youtube", "copy link", "copied", "toggle navigation", "open menu", "close", "view comments",
        "show comments", "hide comments", "no comments", "0 comments", "load more", "see more",
        "to participate in the discussion", "enable javascript", "accept", "accept cookies",
        "i agree", "ok", "continue reading", "click here", "watch", "listen", "audio",
        "continue reading below", "story continues below", "article continues below", "story continues below advertisement",
        "advertisement continues below", "scroll to continue with content",
        // Spanish / Portuguese / Italian
        "suscríbete", "suscribirse", "iniciar sesión", "regístrate", "compartir", "comentarios",
        "deja un comentario", "leer más", "más noticias", "noticias relacionadas", "publicidad",
        "assine", "entrar", "compartilhe", "comentários", "leia mais", "publicidade", "iscriviti",
        "accedi", "condividi", "commenti", "leggi anche", "pubblicità",
        // French / German / Dutch
        "s'abonner", "abonnez-vous", "se connecter", "partager", "commentaires", "lire aussi",
        "lire la suite", "publicité", "abonnieren", "anmelden", "teilen", "kommentare", "weiterlesen",
        "mehr zum thema", "anzeige", "werbung", "inloggen", "delen", "reacties", "lees meer",
        // Russian / Ukrainian / Polish / Turkish
        "подписаться", "войти", "регистрация", "поделиться", "комментарии", "читать далее", "реклама",
        "читайте также", "увійти", "поділитися", "коментарі", "zaloguj się", "udostępnij",
        "komentarze", "czytaj więcej", "reklama", "abone ol", "giriş yap", "paylaş", "yorumlar",
        "devamını oku",
        // Headers of related-article lists
        "related content", "related coverage", "more news", "you might also like", "we recommend",
        "recommended for you", "trending now", "more on this", "artigos relacionados", "posts relacionados",
        "notícias relacionadas", "leia também", "veja também", "artículos relacionados", "entradas relacionadas",
        "te puede interesar", "articles similaires", "articles connexes", "à lire aussi", "sur le même sujet",
        "ähnliche artikel", "weitere beiträge zum thema", "weitere artikel", "das könnte sie auch interessieren",
        "articoli correlati", "potrebbe interessarti anche", "gerelateerde artikelen", "похожие статьи",
        "похожие записи", "powiązane artykuły", "podobne artykuły", "artikel terkait", "berita terkait",
        "baca juga", "ilgili haberler", "benzer haberler",
    ]

    /// Prefixes of lines that are chrome.
    static let prefixes: [String] = [
        "read more:", "read more »", "read also:", "see also:", "related:", "more in ", "more from ",
        "you are commenting using", "fill in your details below", "notify me of", "this site uses akismet",
        "sign up for", "subscribe to", "follow us on", "click here to", "share this:", "like this:",
        "posted by ", "filed under", "tags:", "photo:", "image:", "source:", "photo credit",
        "leer más:", "lee también:", "lire aussi :", "lire aussi:", "lesen sie auch", "читайте также:",
        "photo_camera", "all rights reserved", "save my name, email", "your email address will not be published",
        "required fields are marked", "cancel reply", "share on ", "share via ", "follow @", "read more from ", "you must be logged in", "post was not sent", "copyright ©", "© copyright",
        "posted in:",
    ]

    /// Prefixes of lines that are chrome when they end no sentence: WordPress's "Posted in News,
    /// Links | No Comments »", not "Posted in Iraq in 2004, the sergeant was wounded twice."
    static let unendedPrefixes: [String] = ["posted in "]

    /// Openings of the footers blog platforms print under a post and above its comment form
    /// (WordPress, Movable Type, TypePad): chrome up to `UIPhrasePass.footerWords` words, as
    /// they run on with the post's date, categories and tags.
    static let footerPrefixes: [String] = [
        "you can follow any responses to this entry", "this entry was posted", "this entry was written by",
        "rss feed for comments on this post", "listed below are links to weblogs that reference",
        "this page contains a single entry", "you can find recent content on the main index",
        "as a final step before posting your comment",
    ]

    /// Words that make a short line (at most 12 words) interface text wherever they stand; a
    /// phrase is matched by its first two words.
    static let keywords: [String] = [
        "newsletter", "subscribe", "subscription", "sign up", "log in", "your email", "email address",
        "all rights reserved", "javascript", "your inbox", "follow us", "click here", "clicking here", "unsubscribe",
        "abonnez", "inscrivez", "suscríbete", "iscriviti", "abonnieren", "anmelden", "assine",
    ]

    /// Words that make a line mentioning cookies a consent notice.
    static let cookieCompanions = ByteKeywords([
        "website", "site", "browser", "consent", "privacy", "experience", "webseite", "datenschutz", "zustimm",
        "navigateur", "navegador", "navigazione", "sitio", "sito", "страниц", "сайт", "witryn", "strona",
    ], atWordStart: false)

    /// Line keys (`LineFeatures.key`) of the exact phrases, asked about at every line: a filter of
    /// 4,096 bits (512 bytes, which the scan of the next document leaves in the nearest cache,
    /// where the table's 32 KB of slots are gone from it) in front (`filteredValue`).
    static let exactKeys = HashedWordTable(keys: exact.map(lineKey), filterBits: 12)

    /// `prefixes`, for matching on bytes.
    static let prefixSet = PrefixSet(prefixes)
    /// `unendedPrefixes`, for matching on bytes.
    static let unendedPrefixSet = PrefixSet(unendedPrefixes)
    /// `footerPrefixes`, for matching on bytes.
    static let footerSet = PrefixSet(footerPrefixes)

    /// The key a line scan gives `text`: its letters and digits, lowercased.
    static func lineKey(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { LineScanner($0).lines.first?.key ?? 0 }
    }
}
