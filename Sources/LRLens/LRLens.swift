// The LRLens product: the data model, the readers, the analysis and the plots, plus the
// pipeline that connects them and the reports it produces.
@_exported import LRLensAnalysis
@_exported import LRLensCore
@_exported import LRLensPlotting
@_exported import LRLensReaders
@_exported import ReferenceTrainer
