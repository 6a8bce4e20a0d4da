package org.shuxiang.catalog.search;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/** Chinese text through smartcn's word segmentation; pinyin tokens as written, lower-cased. */
final class Analyzers {

    static final Analyzer CHINESE = new SmartChineseAnalyzer();
    static final Analyzer PINYIN = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new WhitespaceTokenizer();
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
        }
    };

    /** Overlapping bigrams for long text (summaries): much cheaper than smartcn's segmentation, as good for recall. */
    static final Analyzer BIGRAMS = new CJKAnalyzer();

    static final Analyzer INDEX = new PerFieldAnalyzerWrapper(CHINESE, Map.of(RecordDocuments.PINYIN, PINYIN,
            RecordDocuments.SUMMARY, BIGRAMS));

    private Analyzers() {
    }
}
