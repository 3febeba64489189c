// The per-document phase of the run pipeline (engine/pipeline.hpp): levels
// 0, 1, 2 and 4 (registers) of one file, and the facts level-3 checks
// collect from it.
//
//   read identity -> schema (level 0) -> plan: which rules run, which are
//   skipped and why -> level-1 and level-2 rules -> level-3 facts -> keep
//   what later phases need, and free the document
//
// Runs on any worker thread; each thread has its own ValidationContext.
#pragma once

#include "document/document.hpp"
#include "engine/engine.hpp"
#include "engine/file_work.hpp"

#include <string>

namespace lmacheck {

// `keep_bytes`: keep the file's original bytes for acceptance to store.
FileWork judge_document(const Engine& engine, Document document, ValidationContext& context, bool keep_bytes);

// An input the engine cannot open as a file (an unreadable directory found
// while walking the inputs): document.unreadable with `reason`.
FileWork judge_unreadable(const Engine& engine, std::string name, const std::string& reason);

}  // namespace lmacheck
