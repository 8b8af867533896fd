#pragma once

#include <exception>
#include <utility>

#include "api_error.hpp"
#include "parkgrid/storage/database.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

// Answers a failed storage job: an ApiError thrown inside the job (e.g. 409 for a conflict found in the
// transaction) is answered as is; anything else is logged and answered 500.
void reply_storage_failure(const HttpReply& reply, const std::exception_ptr& error);

// Runs a storage job and answers with present(result); `present` may throw ApiError.
template <typename Job, typename Present>
void read_then_reply(storage::Database& database, Job job, Present present, HttpReply reply) {
    storage::read(database, std::move(job),
                  [present = std::move(present), reply = std::move(reply)](auto outcome) mutable {
                      if (!outcome.ok()) {
                          reply_storage_failure(reply, outcome.error());
                          return;
                      }
                      reply_with(reply, [&] { return present(outcome.value()); });
                  });
}

template <typename Job, typename Present>
void write_then_reply(storage::Database& database, Job job, Present present, HttpReply reply) {
    storage::write(database, std::move(job),
                   [present = std::move(present), reply = std::move(reply)](auto outcome) mutable {
                       if (!outcome.ok()) {
                           reply_storage_failure(reply, outcome.error());
                           return;
                       }
                       reply_with(reply, [&] { return present(outcome.value()); });
                   });
}

}  // namespace parkgrid::server::api
