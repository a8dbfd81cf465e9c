// The LRLens product, the analysis library: the data model, the readers, the analysis and the
// plots, plus the pipeline that connects them and the reports it produces. It holds no trainer:
// the reference trainer and the validation that uses it are separate modules of the package.
@_exported import LRLensAnalysis
@_exported import LRLensCore
@_exported import LRLensPlotting
@_exported import LRLensReaders
