import factory
from django.utils.text import slugify

from threads import services
from threads.models import Space


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Space {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    visibility = Space.Visibility.PUBLIC

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            for user in extracted:
                self.memberships.create(user=user)


def thread_with_replies(*, space, author, replies: int = 0, depth: int = 1, title: str = "A thread", repliers=None):
    """A thread and `replies` replies arranged in chains `depth` deep, through the services."""
    thread = services.thread_start(space_id=space.pk, author=author, title=title, body="Opening post")
    repliers = repliers or [author]
    made = 0
    while made < replies:
        parent_id = None
        for level in range(depth):
            if made >= replies:
                break
            post = services.reply_post(
                thread_id=thread.pk,
                author=repliers[made % len(repliers)],
                body=f"Reply {made} at depth {level + 1}",
                parent_id=parent_id,
            )
            parent_id = post.pk
            made += 1
    thread.refresh_from_db()
    return thread


def bulk_replies(thread, *, count: int, depth: int, author) -> None:
    """Insert `count` replies fast (bulk, bypassing the services) as chains `depth` deep, with paths,
    counters and rendered HTML as the services would leave them. For size and query-count tests."""
    from threads.models import Post
    from threads.services import _segment

    root = Post.objects.get(thread=thread, depth=0)
    counter = thread.post_counter
    rows, made = [], 0
    while made < count:
        parent_path, parent = root.path, root
        chain = []
        for level in range(1, depth + 1):
            if made >= count:
                break
            counter += 1
            post = Post(
                thread=thread, author=author, path=parent_path + _segment(counter), depth=level,
                body=f"bulk {made}", body_html=f"<p>bulk {made}</p>",
            )  # fmt: skip
            chain.append(post)
            parent_path = post.path
            made += 1
        # Parents must exist before children: save each chain in order (one insert per level).
        for post in chain:
            post.parent = parent
            parent = post
        rows.extend(chain)
    # bulk_create sets primary keys on PostgreSQL and SQLite, so parents can be saved level by level.
    for level in range(1, depth + 1):
        Post.objects.bulk_create([p for p in rows if p.depth == level], batch_size=500)
        for p in rows:
            if p.depth == level + 1:
                p.parent_id = p.parent.pk
    thread.post_counter = counter
    thread.reply_count += count
    thread.save(update_fields=["post_counter", "reply_count"])
