#pragma once

// Streamed downloads: a report as CSV produced piece by piece, and a file read in 64 KiB chunks. Each writes
// its next chunk only when the previous one has gone out, so a slow client holds one chunk in memory, not the
// whole body.

#include <filesystem>
#include <memory>
#include <string>

#include "parkgrid/server/http_types.hpp"
#include "reports/report_table.hpp"

namespace parkgrid::server::api {

// The workbook as CSV (reports::CsvWriter): the byte-order mark, then each sheet's head and its rows a few
// hundred at a time.
StreamStarter csv_stream(std::shared_ptr<const reports::Workbook> workbook, reports::Language language);

// The file's bytes; the file is opened when the stream starts (an open file can still be read if it is
// removed meanwhile).
StreamStarter file_stream(std::filesystem::path path);

// A 200 response that the client saves as `file_name` (ASCII); the caller sets its body or stream.
HttpResponse attachment_response(std::string content_type, const std::string& file_name);

}  // namespace parkgrid::server::api
