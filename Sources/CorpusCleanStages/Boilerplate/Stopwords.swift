import CorpusCleanCore
/// The most frequent function words of the major languages (jusText's idea: running text is
/// dense in them, page chrome is not). One table maps a token hash to a bit per language.
enum Stopwords {
    /// ISO 639-1 codes, in bit order.
    static let languages: [String] = Array(lists.keys).sorted()

    /// Bits of the table's values beside the languages: an interface keyword (or the pair of
    /// tokens of a two-word one), the first word of a two-word keyword, "cookie(s)", a date word.
    static let interfaceWord: UInt32 = 1 << interfaceShift
    static let interfaceShift: UInt32 = 31
    static let pairStart: UInt32 = 1 << 30
    static let cookieWord: UInt32 = 1 << 29
    /// A month or weekday name, or a word of timestamps (`DateWords`).
    static let dateWord: UInt32 = 1 << dateShift
    static let dateShift: UInt32 = 28
    static let languageBits: UInt32 = (1 << 28) - 1

    /// Token hash → bit set of the languages whose list holds the token, and the flags above,
    /// so that one lookup per token serves every word list. The words go in by rank across the
    /// lists (each list is in order of frequency), then the keywords and date words: the scan's
    /// vector lookup decides a token from its home slot, and a frequent word stored past it
    /// would take the scalar probe at every occurrence.
    static let table: HashedWordTable = {
        var values: [UInt64: UInt32] = [:]
        var order: [UInt64] = []
        func add(_ key: UInt64, _ bits: UInt32) {
            if values[key] == nil { order.append(key) }
            values[key, default: 0] |= bits
        }
        // One bit a language below the flags (LineScanner.totals counts four bytes of a mask at most).
        precondition(languages.count <= languageBits.nonzeroBitCount, "more stopword lists than language bits")
        let words = languages.map { lists[$0]!.split(separator: " ") }
        for rank in 0..<(words.map(\.count).max() ?? 0) {
            for (bit, list) in words.enumerated() where rank < list.count {
                add(TokenHash.hash(list[rank]), 1 << UInt32(bit))
            }
        }
        for phrase in UIPhrases.keywords {
            let words = phrase.split(separator: " ").map { TokenHash.hash($0) }
            if words.count == 1 {
                add(words[0], interfaceWord)
            } else {
                add(words[0], pairStart)
                add(TokenHash.pair(words[0], words[1]), interfaceWord)
            }
        }
        for word in ["cookie", "cookies"] { add(TokenHash.hash(word), cookieWord) }
        for word in DateWords.words { add(TokenHash.hash(word), dateWord) }
        return HashedWordTable(order.map { ($0, values[$0]!) })
    }()

    /// Bit of English, whose list covers its running text best (the reference of `stopword_adaptive`).
    static let english = bit(of: "en")!

    /// Bit of an ISO 639-1 code, or nil when there is no list for it.
    static func bit(of code: String) -> Int? { languages.firstIndex(of: code) }

    static let lists: [String: String] = [
        "en": "the of and to a in is it that for on was with as he be by at are this his from have or an not but they which had her one you were she all their we there been has would will its if who more when can so no what than into some could them other about only then also after two him any our these may out my up do most over such like first new its should very said those between how while where did through because being before same must does off down both just well under each even here made many since against your upon still without during too",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei können ihre ich wir hatte diese wenn doch dieser ihr kann gegen vom schon hier du mich dich ihn uns euch mir dir ihm ihnen mein dein unser euer meine deine seine unsere eure seiner ihrer ihren seinen ihrem seinem alle allem allen aller alles andere anderen anderer anderes da damit dann darum darauf daher dazu denn deren dessen dies diesem diesen dieses dort etwa etwas ganz gar hatten hätte hin hinter immer jede jedem jeden jeder jedes jetzt kein keine keinen keiner mal manche muss musste neben nichts nun ob ohne sehr selbst solche soll sollte sondern sonst unter viel während waren weil weiter welche welchem welchen welcher welches wer werde wieder will wo wollen würde würden zwar zwischen",
        "fr": "de la le et les des en un du une que est pour qui dans par sur au plus pas ne il a se ce avec sont son elle ou mais aux été sa ses leur nous vous ils y comme fait être cette tout peut aussi même on ont bien sans entre lui dont ces deux sous avait après je tu elles me te moi toi leurs mon ma mes ton ta tes notre nos votre vos cet celui celle ceux celles quoi où quand si donc or ni car tous toute toutes autre autres mêmes encore très trop peu moins mal déjà toujours jamais ici là avant pendant depuis vers chez contre parce puis alors ainsi était étaient sera seront serait avaient aura faire peuvent doit dit non oui",
        "es": "de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros es fue ha son era han había tú usted vosotros ellas mi mis tu tus nuestro nuestra nuestros esos esas aquel aquella aquí allí ahí así entonces ahora tampoco siempre nunca menos mucha muchas toda todas mismo misma cada cuales cuanto pues si sino aunque mientras hacia según tras ser eran fueron será sería tiene tienen puede pueden hace hacer dijo",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tu vós te vos lhe lhes meus minhas teu tua nosso nossa este esta estes estas esses essas aquele aquela isto aquilo aqui ali lá assim então agora ainda sempre nunca muita muitos muitas pouco todo toda todos todas outro outra outros outras mesma cada quais onde porque pois desde durante sobre sob após são eram seria pode podem faz fazer disse",
        "it": "di e il la che in a per un è del non una con i le si da al dei lo sono come alla più ha della ma anche nel gli se delle o questo ci ne essere stato nella sua suo tra dal loro cui era quando degli sul hanno fra io tu lui lei noi voi mi ti vi mio mia miei mie tuo tua nostro nostra vostro questa questi queste quello quella quelli quelle qui qua lì là così allora ora ancora sempre mai già molto molta molti molte poco tutto tutta tutti tutte altro altra altri altre stesso ogni quale quali dove perché né fino durante senza sopra sotto dopo prima erano fu sarà sarebbe aveva c può possono fa fare detto nelle negli sulla sulle agli alle dalla dalle",
        "nl": "de en van het een in is dat op te zijn voor met die niet aan er om ook als dan maar bij of uit nog door naar wordt al wel kan tot heeft werd hij ze was hun geen meer worden zo over zou ik jij je zij wij jullie mij me hem haar ons hen mijn jouw onze uw dit deze wat wie waar wanneer hoe waarom omdat veel weinig alle alles iets niets zelf hier daar nu toen altijd nooit reeds zeer na onder tussen zonder tegen waren had hebben kunnen moet zal",
        "ru": "и в не на что с по он как а к из у то за это о же от так для все но его мы бы вы их она они был было была были уже если или ли только ещё еще до при также после может этого чтобы этом того быть более которые который которая когда себя там есть где я ты оно меня тебя её нас вас мне тебе ему ей нам вам им мой моя моё мои твой свой своя свои наш ваш этот эта эти тот та те такой такая такие весь вся всё сам сама самый каждый какой какая кто почему потому тоже даже очень менее без через под над перед между во со об про около будет будут нет да вот здесь тут теперь сейчас можно нужно надо",
        "uk": "і в не на що з у та до як за це від він але по є її його так для вони ми ви із також було був була були або ще вже які який яка коли щоб може при після",
        "pl": "i w nie na z się to że do jest o jak a za od po co tak ale już przez dla czy jego jej są być był była było też może tylko jednak oraz który która które ich ten ta tego przy jako ja ty on ona ono my wy oni one mnie ciebie nas was mi ci mu nam wam im mój moja moje twój swój nasz wasz te tamten także jeszcze nawet bardzo więcej mniej wszystko wszyscy każdy kto gdzie kiedy dlaczego ponieważ jeśli lub albo bez pod nad przed między we ze u byli będzie ma mają można trzeba",
        "cs": "a v se na je že s z do o to k i jako by ale za pro od po jsou jeho jak byl byla bylo které který která tak jen už při jsem také nebo ve ze ke si jsme jste být bude budou byli byly má mají mít není jejich její jim ho mu mi mě vy oni ona ono já tento tato toto tyto této tohoto tom což kde kdy když než proto protože však aby pouze ještě již podle mezi před pod nad bez během kteří kterou kterého až co nic vše všechny všech tím tedy",
        "tr": "ve bir bu da de için ile çok daha gibi olarak olan ne ama en o kadar sonra her şey ise mi var değil ya veya hem göre ki şu mu mı mü az hiç bazı tüm bütün fakat ancak çünkü eğer nasıl neden nerede oldu olduğu olduğunu olması olacak önce şimdi artık hala bile yine ayrıca ben sen biz siz onlar bunu bunun diye yok",
        "sv": "och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år säger hon under också efter eller dem deras dess denna detta dessa där då du få får hade hans henne hennes här hur inom kunde mot mycket ni nu någon något några oss sedan sin sina sitt ska skulle vad vara varit vid vilken vilket vilka blev bli blir alla andra bara över",
        "da": "og i at det en den til er som på de med han af for ikke der var et har sig men om fra kan også efter eller når jeg du vi hun dem deres hans hendes hvad hvor hvis hvordan hvorfor skal skulle vil ville være været blev bliver blive havde min mit mine sin sit sine alle andre meget mere mod nu ud ind så da noget nogle selv denne dette disse kun ved uden",
        "no": "og i det at en på er som til med for av den har ikke de om et han var men seg fra kan også etter eller når jeg du vi hun dem deres hans hennes hva hvor hvis hvordan hvorfor skal skulle vil ville være vært ble blir bli hadde min mitt mine sin sitt sine alle andre mye mer mot nå opp inn så da noe noen selv denne dette disse enn bare ved uten",
        "fi": "ja on ei se että hän oli ovat myös mutta kun tai jo sen niin ole kuin vain ne nyt joka jos mukaan olla olivat ollut olisi mitä mikä miten missä kuka koska jotta sekä eli vaan vielä aina jälkeen ennen kanssa yli noin paljon enemmän tämä tämän tässä tätä nämä niiden heidän hänen minä sinä te sitä siitä siinä jotka jonka joita joiden sitten kuitenkin",
        "ro": "și de în a la cu nu pe o care un că din se este mai au pentru fost sau ca dar lui al ale ai acest această acesta aceste acestei acestui ei el ea ele noi voi eu tu le îi își sunt era erau fi fie va vor avea avut cel cea cei cele după când cum unde foarte doar încă deja prin fără între despre spre până iar dacă",
        "hu": "a az és hogy nem is egy meg de van volt csak már mint el ki még ha azt ez vagy sem ezt arra erre annak ennek amely amelyek ami amit aki akik ahol amikor mert pedig így úgy nagyon lesz lett lehet kell minden más után előtt között alatt szerint során vannak voltak én te ő mi ti ők",
        "id": "yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke ada karena oleh atau bisa sudah mereka kami saat saya aku kamu anda dia ia kita kalian sini situ sana tetapi tapi namun sebab jika kalau maka agar supaya tentang seperti antara tanpa sejak sampai hingga setelah sebelum ketika telah sedang masih belum bukan pun hanya lebih sangat paling semua setiap para adalah ialah merupakan dapat harus boleh",
        "ar": "في من على أن إلى عن مع هذا التي الذي هذه كان ما لا قد أو بين كما بعد ثم عند إن و ذلك تلك هو هي هم كل كانت الذين لم لن حتى إذا أي غير منذ خلال حيث عليه عليها فيه فيها له لها به بها وقد وفي ومن وأن أكثر بعض قبل أيضا لكن يكون تكون أنه أنها إلا",
        "fa": "و در به از که این را با است برای آن یک تا می بر شده هم شود های ها ای اما یا اگر هر نیز دیگر همه باید بود بودند کرد کرده کند کنند خود او ما شما آنها وی پس چه چون بین روی زیر پیش بعد",
        "el": "και το η του της να σε με για τα από που ο την των στο είναι δεν θα ως στην οι τον τους τις ένα μια μία ότι αλλά όπως όταν ή αν κατά μετά μέχρι προς χωρίς στα στη στον στους στις αυτό αυτή αυτός αυτά έχει έχουν ήταν είχε μας σας πιο πολύ όλα όλοι ακόμη ακόμα μόνο επίσης",
        "hi": "के है में की और को से का एक पर यह कि भी था हैं नहीं लिए ने तो कर थे थी हो होता होती होने रहा रहे रही गया गई गए किया किए करने करते जो वह वे इस उस इन उन इसके उसके अपने अपनी अपना साथ बाद तक हुए हुआ हुई या लेकिन जब तब कुछ सभी अब द्वारा बहुत",
    ]
}
