// The files a floor reads: every path given that is not a directory, and
// every *.json below the directories, sorted (as lmacheck orders its inputs).
#pragma once

#include <algorithm>
#include <filesystem>
#include <vector>

namespace bench {

inline std::vector<std::filesystem::path> json_files(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path path(argv[i]);
        if (!fs::is_directory(path)) {
            files.push_back(path);
            continue;
        }
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(path)) {
            if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace bench
