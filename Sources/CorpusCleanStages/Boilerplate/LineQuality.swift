import CorpusCleanCore
/// jusText's classes of a line.
enum LineQuality { case good, nearGood, short, bad }
