#include "download_streams.hpp"

#include <fstream>

#include "reports/table_writers.hpp"

namespace parkgrid::server::api {
namespace {

// Rows per CSV chunk: a few tens of kilobytes for a ledger.
constexpr std::size_t kRowsPerChunk = 300;
constexpr std::size_t kFileChunkBytes = 64 * 1024;

// Produces the next chunk when the last one has been written; kept alive by the stream while it lasts.
class CsvProducer : public std::enable_shared_from_this<CsvProducer> {
public:
    CsvProducer(std::shared_ptr<const reports::Workbook> workbook, reports::Language language,
                std::shared_ptr<StreamWriter> writer)
        : workbook_(std::move(workbook)), csv_(language), writer_(std::move(writer)) {}

    void next() {
        if (!writer_->open()) {
            return;
        }
        std::string chunk;
        if (!started_) {
            started_ = true;
            chunk = reports::CsvWriter::begin();
        }
        std::size_t rows = 0;
        while (sheet_ < workbook_->sheets.size() && rows < kRowsPerChunk) {
            const auto& sheet = workbook_->sheets[sheet_];
            if (row_ == 0 && !head_written_) {
                chunk += csv_.sheet_head(sheet);
                head_written_ = true;
            }
            if (row_ < sheet.rows.size()) {
                chunk += csv_.row(sheet.rows[row_++]);
                ++rows;
                continue;
            }
            if (sheet.totals) {
                chunk += csv_.row(*sheet.totals);
            }
            ++sheet_;
            row_ = 0;
            head_written_ = false;
        }
        if (chunk.empty()) {
            writer_->finish();
            return;
        }
        writer_->write_then(std::move(chunk), [weak = weak_from_this()] {
            if (auto self = weak.lock()) {
                self->next();
            }
        });
    }

private:
    std::shared_ptr<const reports::Workbook> workbook_;
    reports::CsvWriter csv_;
    std::shared_ptr<StreamWriter> writer_;
    bool started_ = false;
    std::size_t sheet_ = 0;
    std::size_t row_ = 0;
    bool head_written_ = false;
};

class FileProducer : public std::enable_shared_from_this<FileProducer> {
public:
    FileProducer(const std::filesystem::path& path, std::shared_ptr<StreamWriter> writer)
        : input_(path, std::ios::binary), writer_(std::move(writer)) {}

    void next() {
        if (!writer_->open()) {
            return;
        }
        std::string chunk(kFileChunkBytes, '\0');
        input_.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        chunk.resize(static_cast<std::size_t>(input_.gcount()));
        if (chunk.empty()) {
            // The headers are sent already: a file that cannot be read ends the body early, and the client
            // sees fewer bytes than the file has.
            writer_->finish();
            return;
        }
        writer_->write_then(std::move(chunk), [weak = weak_from_this()] {
            if (auto self = weak.lock()) {
                self->next();
            }
        });
    }

private:
    std::ifstream input_;
    std::shared_ptr<StreamWriter> writer_;
};

}  // namespace

StreamStarter csv_stream(std::shared_ptr<const reports::Workbook> workbook, reports::Language language) {
    return [workbook = std::move(workbook), language](std::shared_ptr<StreamWriter> writer) {
        auto producer = std::make_shared<CsvProducer>(workbook, language, std::move(writer));
        producer->next();
        return std::shared_ptr<void>(producer);
    };
}

StreamStarter file_stream(std::filesystem::path path) {
    return [path = std::move(path)](std::shared_ptr<StreamWriter> writer) {
        auto producer = std::make_shared<FileProducer>(path, std::move(writer));
        producer->next();
        return std::shared_ptr<void>(producer);
    };
}

HttpResponse attachment_response(std::string content_type, const std::string& file_name) {
    HttpResponse response;
    response.content_type = std::move(content_type);
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
    return response;
}

}  // namespace parkgrid::server::api
