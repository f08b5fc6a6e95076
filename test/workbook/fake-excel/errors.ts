/**
 * The fake's stand-in for `OfficeExtension.Error`: what the adapter may rely
 * on is `code` (stable, one of `Excel.ErrorCodes`); `message` is localized in
 * real Excel and must never be branched on.
 */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}

/** Codes the fake raises, spelled as Excel spells them. */
export const FAKE_CODES = {
  propertyNotLoaded: 'PropertyNotLoaded',
  itemNotFound: 'ItemNotFound',
  itemAlreadyExists: 'ItemAlreadyExists',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  payloadTooLarge: 'RequestPayloadSizeLimitExceeded',
  responseTooLarge: 'ResponsePayloadSizeLimitExceeded',
  generalException: 'GeneralException',
  cellEditMode: 'InvalidOperationInCellEditMode',
  accessDenied: 'AccessDenied',
  unsupportedOperation: 'UnsupportedOperation',
} as const;
