/**
 * The knowledge base as a LangChain retriever: documents carry the finding's metadata, so
 * a chain (the language-model answer) can use the same search as the extractive answer.
 */
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { Searcher } from './search.js';
import { detectLanguage } from '../answer/language.js';

export interface FindingRetrieverInput extends BaseRetrieverInput {
  searcher: Searcher;
  k?: number;
}

export class FindingRetriever extends BaseRetriever {
  lc_namespace = ['samen', 'retrievers'];
  private readonly searcher: Searcher;
  private readonly k: number;

  constructor(fields: FindingRetrieverInput) {
    super(fields);
    this.searcher = fields.searcher;
    this.k = fields.k ?? 8;
  }

  async _getRelevantDocuments(query: string): Promise<Document[]> {
    return this.searcher.search(query, detectLanguage(query), this.k).hits.map(
      ({ finding, score }) =>
        new Document({
          id: finding.id,
          pageContent: [finding.en, finding.quote].filter(Boolean).join("\n\n"),
          metadata: { ...finding, score },
        }),
    );
  }
}
