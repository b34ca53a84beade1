#pragma once

#include <QTest>

/// The bad-input fixtures under tests/data/bad, each a data set folder with one broken file,
/// and what the error must say: the broken file, the line (0: none applies) and the problem.
/// Shared by the loader test and the command-line test so every case is checked both ways.
inline void addBadInputRows() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("problem");

    const auto row = [](const char* folder, const char* file, int line, const char* problem) {
        QTest::newRow(folder) << QString::fromLatin1(folder) << QString::fromLatin1(file) << line
                              << QString::fromLatin1(problem);
    };
    row("empty_file", "ratings.csv", 0, "the file is empty");
    row("header_only", "ratings.csv", 0, "has a header but no ratings");
    row("missing_header", "ratings.csv", 1, "missing header");
    row("unknown_header", "ratings.csv", 1, "unknown header: no column named 'user_id'");
    row("duplicate_column", "ratings.csv", 1, "names this column twice");
    row("wrong_field_count", "ratings.csv", 3, "wrong number of fields: expected 3");
    row("non_numeric_id", "ratings.csv", 3, "column 1 (user_id): id is not a whole number: 'abc'");
    row("non_numeric_rating", "ratings.csv", 3,
        "column 3 (rating): rating is not a number: 'five'");
    row("nan_rating", "ratings.csv", 2, "rating is not a number: 'nan'");
    row("rating_out_of_scale", "ratings.csv", 4, "rating is outside the scale 1 to 5: '7'");
    row("negative_id", "ratings.csv", 2, "column 2 (book_id): id must be a positive integer");
    row("zero_id", "ratings.csv", 3, "column 1 (user_id): id must be a positive integer");
    row("id_too_large", "ratings.csv", 2, "id is too large");
    row("id_one_past_limit_user", "ratings.csv", 3,
        "column 1 (user_id): id is too large (the limit is 2147483647): '2147483648'");
    row("id_one_past_limit_book", "ratings.csv", 2,
        "column 2 (book_id): id is too large (the limit is 2147483647): '2147483648'");
    row("empty_id", "ratings.csv", 2, "column 2 (book_id): id is empty");
    row("unterminated_quote", "ratings.csv", 2, "quoted field is never closed");
    row("text_after_quote", "ratings.csv", 2, "unexpected text after a closing quote: 'x,5'");
    row("binary_garbage", "ratings.csv", 1, "binary data");
    row("truncated_gz", "ratings.csv.gz", 5429, "truncated");
    row("corrupt_gz", "ratings.csv.gz", 5430, "corrupt compressed data");
    row("not_gzip_at_all", "ratings.csv.gz", 1, "corrupt compressed data");
    row("no_ratings_file", "", 0, "no ratings file");
    row("books_duplicate_id", "books.csv", 5, "duplicate book id (first seen on line 3)");
    row("books_bad_year", "books.csv", 3, "column 5 (original_publication_year): not a number");
    row("books_missing_title", "books.csv", 1, "no column named 'title'");
    row("to_read_bad_id", "to_read.csv", 3, "column 2 (book_id): id is not a whole number");
    row("no_such_folder", "", 0, "cannot open data folder: no such folder");
    row("tags_negative_id", "tags.csv", 3,
        "column 1 (tag_id): id must not be negative (0 or more): '-3'");
    row("tags_duplicate_id", "tags.csv", 4, "duplicate tag id (first seen on line 3): '1'");
    row("tags_duplicate_name", "tags.csv", 4,
        "column 2 (tag_name): duplicate tag name (first seen on line 2): 'fantasy'");
    row("tags_empty_name", "tags.csv", 3, "column 2 (tag_name): the tag name is empty");
    row("tags_no_header", "tags.csv", 1, "unknown header: no column named 'tag_id'");
    row("book_tags_unknown_tag", "book_tags.csv", 3,
        "column 2 (tag_id): unknown tag id: tags.csv has no tag with this id: '7'");
    row("book_tags_bad_count", "book_tags.csv", 3,
        "column 3 (count): count must be a whole number, 0 or more (-1 means not known): 'many'");
    row("book_tags_negative_count", "book_tags.csv", 2,
        "column 3 (count): count must be a whole number, 0 or more (-1 means not known): '-5'");
    row("book_tags_zero_book_id", "book_tags.csv", 2,
        "column 1 (goodreads_book_id): id must be a positive integer");
    row("book_tags_wrong_field_count", "book_tags.csv", 2, "wrong number of fields: expected 3");
    row("book_tags_unknown_header", "book_tags.csv", 1,
        "unknown header: no column named 'goodreads_book_id'");
    row("book_tags_header_only", "book_tags.csv", 0, "has a header but no shelves");
    row("book_tags_truncated_gz", "book_tags.csv.gz", 4531, "truncated");
}

/// The message prefix the error must start with: "<folder>/<file>:<line>: " (or less).
inline QString expectedLocation(const QString& folderPath, const QString& file, int line) {
    QString where = file.isEmpty() ? folderPath : folderPath + QLatin1Char('/') + file;
    if (line > 0)
        where += QLatin1Char(':') + QString::number(line);
    return where + QLatin1String(": ");
}
