import Testing
@testable import CorpusCleanCore

/// What a corpus stage leaves in a document's state comes back as it was left: an object as the
/// same instance (taken out without a cast when asked for its own class, with one for a
/// superclass), a value as an equal value, nothing for another type or another stage.
@Suite struct DocumentStatePreparedTests {
    class Base: @unchecked Sendable { let n: Int; init(_ n: Int) { self.n = n } }
    final class Derived: Base, @unchecked Sendable {}
    final class Other: Sendable {}

    static func state() -> DocumentState { DocumentState(document: Document(ordinal: 0, id: "d", source: "d", text: "t")) }

    @Test func objectsComeBackAsTheSameInstance() {
        var state = Self.state()
        let derived = Derived(1), base = Base(2)
        state.setPrepared(derived, for: StageName("a"))
        state.setPrepared(base, for: StageName("b"))
        #expect(state.prepared(Derived.self, by: StageName("a")) === derived)
        #expect(state.prepared(Base.self, by: StageName("a")) === derived)
        #expect(state.prepared(Base.self, by: StageName("b")) === base)
        #expect(state.prepared(Derived.self, by: StageName("b")) == nil)
        #expect(state.prepared(Other.self, by: StageName("a")) == nil)
        #expect(state.prepared(Int.self, by: StageName("a")) == nil)
        #expect(state.prepared(Derived.self, by: StageName("c")) == nil)
    }

    @Test func valuesAndObjectsReplaceEachOther() {
        var state = Self.state()
        let object = Derived(3)
        state.setPrepared(5, for: StageName("a"))
        state.setPrepared(object, for: StageName("b"))
        #expect(state.prepared(Int.self, by: StageName("a")) == 5)
        #expect(state.prepared(Derived.self, by: StageName("a")) == nil)
        state.setPrepared(object, for: StageName("a"))
        #expect(state.prepared(Int.self, by: StageName("a")) == nil)
        #expect(state.prepared(Derived.self, by: StageName("a")) === object)
        // An object left through the existential overload is found as well.
        state.setPrepared(Derived(4) as any Sendable, for: StageName("b"))
        #expect(state.prepared(Derived.self, by: StageName("b"))?.n == 4)
        state.setPrepared(nil, for: StageName("a"))
        #expect(state.prepared(Derived.self, by: StageName("a")) == nil)
        #expect(state.prepared(Base.self, by: StageName("b"))?.n == 4)
    }
}
