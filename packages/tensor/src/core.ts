// Kept so existing `@numfeat/tensor/core` imports work; the TF-free core now lives in @numfeat/core.
export * from '@numfeat/core';
