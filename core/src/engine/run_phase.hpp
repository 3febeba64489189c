// The per-run phase of the pipeline (engine/pipeline.hpp): the level-3
// rules, after every file's document phase, over the sound files of the run
// and (with a store) the store's accepted submissions of their years. Adds
// each rule's findings to the files it reported on, and the rule to every
// file it looked at.
#pragma once

#include "engine/engine.hpp"
#include "engine/file_work.hpp"

#include <vector>

namespace lmacheck {

// Throws StoreError when the store cannot be read: that is the store's
// fault, not a rule's or a submitter's.
void run_aggregate_rules(const Engine& engine, std::vector<FileWork>& files);

}  // namespace lmacheck
