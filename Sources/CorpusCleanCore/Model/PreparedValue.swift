/// What a corpus stage's concurrent half left in a `DocumentState`: an object is kept as a
/// reference of its own, so that taking it back out as its own class is a type compare rather
/// than a dynamic cast out of an existential.
enum PreparedValue: Sendable {
    case value(any Sendable)
    case object(any AnyObject & Sendable)

    /// The value when it is a `T`.
    @inline(__always)
    func get<T: Sendable>(_ type: T.Type) -> T? {
        switch self {
        case let .value(value): return value as? T
        case let .object(object): return object as? T
        }
    }

    /// The object when it is a `T`: without a cast when it is exactly a `T` (not a subclass).
    @inline(__always)
    func getObject<T: AnyObject & Sendable>(_ type: T.Type) -> T? {
        guard case let .object(object) = self else { return get(type) }
        if ObjectIdentifier(Swift.type(of: object)) == ObjectIdentifier(T.self) { return unsafeDowncast(object, to: T.self) }
        return object as? T
    }
}
