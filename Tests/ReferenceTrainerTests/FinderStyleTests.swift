import LRLensCore
import ReferenceTrainer
import Testing

@Suite struct FinderStyleTests {
  @Test(arguments: FinderStyle.allCases)
  func styleNamesItsFramework(style: FinderStyle) {
    #expect(style.framework.rawValue == style.rawValue)
  }
}
