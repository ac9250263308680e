export {
  spectrum,
  signalSpectrum,
  type Spectrum,
  type SpectrumOptions,
  type NormalizerKind,
} from './spectrum.js';
export {
  fourierPower,
  fourierPowers,
  spectrumFourierPower,
  type FourierPowerOptions,
} from './fourier-power.js';
export { dominantPeriods, type DominantPeriod, type DominantPeriodOptions } from './peaks.js';
export { oneSidedPower } from './one-sided.js';
export { fourierCoefficients, type FourierCoefficients } from './coefficients.js';
