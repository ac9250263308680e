// The number-piece block shared by the tokenizers trained here (WordTokenizer, BpeTokenizer): each
// number piece of the policy ("0".."999", "007", …) has one id, and each id knows its parsed value.
import { parseNumberPiece, type NumberPiece } from './tokenizer.js';

export abstract class NumberPieceVocabulary {
  /** Piece text → id (the NumberEncoder looks pieces up here). */
  protected readonly numberIds = new Map<string, number>();
  private readonly pieces: (NumberPiece | undefined)[] = [];

  protected addNumberPiece(piece: string, id: number): void {
    this.numberIds.set(piece, id);
    this.pieces[id] = parseNumberPiece(piece);
  }

  numberPiece(id: number): NumberPiece | undefined {
    return this.pieces[id];
  }

  numberValue(id: number): number | undefined {
    return this.pieces[id]?.value;
  }

  /** Id of a number piece such as "42" or "007" (undefined if the policy never produces it). */
  numberId(piece: string): number | undefined {
    return this.numberIds.get(piece);
  }
}
